/**
 * *Open Rule Documentation* falls back to the README bundled in the extension when the web page cannot be reached
 * (issue #20): client/src/rule-docs.ts, run in Node with a local HTTP server standing in for the web.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledReadme, chooseRuleDocumentation, isReachable } from '../../client/src/rule-docs';

let extension: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  extension = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-extension-'));
  fs.mkdirSync(path.join(extension, 'dist', 'rules', 'no-id-number-logging'), { recursive: true });
  fs.copyFileSync(
    path.resolve(__dirname, '../../rules/no-id-number-logging/README.md'),
    path.join(extension, 'dist', 'rules', 'no-id-number-logging', 'README.md'),
  );
  server = http.createServer((request, response) => {
    response.statusCode = request.url === '/rules/no-id-number-logging/README.md' ? 200 : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(extension, { recursive: true, force: true });
});

describe('rule documentation', () => {
  it('finds the bundled README of a rule, and none for an engine rule or a strange id', () => {
    expect(bundledReadme(extension, 'no-id-number-logging')).toBe(path.join(extension, 'dist', 'rules', 'no-id-number-logging', 'README.md'));
    expect(bundledReadme(extension, 'parse-error')).toBeUndefined();
    expect(bundledReadme(extension, '../../etc')).toBeUndefined();
  });

  it('opens the web page when it answers', async () => {
    const url = `${base}/rules/no-id-number-logging/README.md`;
    expect(await isReachable(url)).toBe(true);
    expect(await chooseRuleDocumentation(url, bundledReadme(extension, 'no-id-number-logging'))).toEqual({ kind: 'web', url });
  });

  it('opens the bundled page when the web page is missing or the network is down', async () => {
    const bundled = bundledReadme(extension, 'no-id-number-logging');
    expect(await chooseRuleDocumentation(`${base}/does-not-exist`, bundled)).toEqual({ kind: 'bundled', file: bundled });
    // A port nothing listens on: the connection is refused at once.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await isReachable(`http://127.0.0.1:${port}/rules/no-id-number-logging/README.md`)).toBe(false);
    expect(await chooseRuleDocumentation(`http://127.0.0.1:${port}/x`, bundled)).toEqual({ kind: 'bundled', file: bundled });
  });

  it('stays with the web page when nothing is bundled (the engine rules)', async () => {
    expect(await chooseRuleDocumentation(`${base}/nothing`, undefined, async () => false)).toEqual({ kind: 'web', url: `${base}/nothing` });
  });
});
