/**
 * The language server as the .vsix ships it: bundled by esbuild into one file (client/bundle.mjs). A bundling
 * mistake (a dependency that loads files at run time, a UMD module esbuild cannot follow) shows up here rather
 * than only in the VS Code end-to-end run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { LspTestClient, REPO_ROOT } from './lsp-client';
import { copyFixture } from './workspace-fixture';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-bundle-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

test('the bundled server starts without node_modules and reports findings', async () => {
  const bundle = (await import(pathToFileURL(path.join(REPO_ROOT, 'client', 'bundle.mjs')).href)) as { bundleServer(outfile: string): Promise<unknown> };
  const serverScript = path.join(outDir, 'server.js');
  await bundle.bundleServer(serverScript);
  const fixture = copyFixture();
  const { client } = await LspTestClient.start({ workspaceFolders: [fixture.root], serverScript });
  try {
    const dashcam = fixture.file('src/dashcam.ts');
    await client.open(dashcam);
    const published = await client.waitForPushed(dashcam, (diagnostics) => diagnostics.length > 0);
    expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['no-unanonymized-camera-egress']);
  } finally {
    expect(await client.stop()).toBe(0);
    fixture.remove();
  }
});
