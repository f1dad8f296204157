/**
 * Issue #21 in the language server (`piilint-language-server --stdio`, the built bin), attacks 1, 2 and 9. The
 * server must stay responsive: every request below is answered, and `shutdown` then `exit` end it with code 0,
 * within generous bounds (the test fails on a timeout; it does not measure).
 * - A regex in the scanned code or the config (the fixtures of hostile-regex.test.ts) once made the server stop
 *   answering, ignore `shutdown`, and spin after its client was gone.
 * - 1,000 rapid open/close pairs left it answering nothing for 25 s: now one analysis follows the flood (counted
 *   from the status notifications), and a request sent right after it is answered.
 * - Requests before `initialize` and after `shutdown` get ServerNotInitialized (-32002) and InvalidRequest
 *   (-32600); notifications then are ignored.
 * - A client that stops reading stdout made the server buffer every message (137 MiB to 1.5 GiB in 60 s). Here
 *   the server must stay up and within a memory bound while its client pauses through 200 edits, and deliver the final
 *   diagnostics once it reads again. (Edits that outpace the analysis are coalesced, so few pushes pile up in
 *   either build; the writer's bound itself is measured in hostile-server-output.test.ts.)
 * - An open document over the size limit showed findings computed from the file on disk: now one notice says
 *   its findings are not shown, and no finding is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver/node';
import { createBuildingWorkspace } from '../lsp/building-fixture';
import { LspTestClient, SERVER_BIN } from '../lsp/lsp-client';
import { GOOD_FILE, ROOT, TempRoot } from './support/cli';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hostile');
const ANSWER_WITHIN_MS = 20_000;

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-hostile-server-');
});

afterAll(() => {
  temp.dispose();
});

function copyFixture(name: string): string {
  const target = path.join(temp.path, name.replace(/\//g, '-'));
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `shutdown` is answered and `exit` ends the server with 0, each within the bound. */
async function expectCleanStop(client: LspTestClient): Promise<void> {
  await within(client.connection.sendRequest('shutdown'), ANSWER_WITHIN_MS, 'shutdown');
  await client.connection.sendNotification('exit');
  expect(await client.waitForExit(ANSWER_WITHIN_MS)).toBe(0);
  client.connection.dispose();
}

describe('hostile regular expressions', () => {
  it.each(['regex-in-code', 'regex-in-config/receiver-name', 'regex-in-config/literal'])('%s: diagnostics arrive, requests are answered, shutdown works', async (name) => {
    const folder = copyFixture(name);
    const { client } = await LspTestClient.start({ workspaceFolders: [folder], pull: true });
    try {
      const hostile = fs.readdirSync(path.join(folder, 'src')).find((file) => file !== 'good.ts')!;
      await client.open(path.join(folder, 'src', hostile));
      await client.open(path.join(folder, 'src', 'good.ts'));
      const report = await within(client.pull(path.join(folder, 'src', 'good.ts')), ANSWER_WITHIN_MS, 'a document pull');
      expect(report.kind).toBe('full');
      expect('items' in report ? report.items.map((item) => item.range.start.line) : []).toContain(2);
      await within(client.connection.sendRequest('piilint/rules'), ANSWER_WITHIN_MS, 'piilint/rules');
      await expectCleanStop(client);
    } finally {
      client.process.kill('SIGKILL');
    }
  }, 120_000);
});

describe('an open/close flood', () => {
  it.each([
    ['a file of a 200-file workspace folder, pushed diagnostics', false, false],
    ['the same, with a document pull after each open (variant)', true, false],
    ['a file outside every workspace folder, in a 200-file project (variant)', false, true],
  ])('on %s costs about one analysis, and the server answers right after', async (_case, pull, isLoose) => {
    const building = createBuildingWorkspace(10, 20);
    const elsewhere = temp.project(`elsewhere-${Math.random().toString(36).slice(2, 8)}`, { 'src/good.ts': GOOD_FILE });
    const { client } = await LspTestClient.start({ workspaceFolders: [isLoose ? elsewhere : building.root], pull, initializationOptions: { wantsStatus: true } });
    let analyses = 0;
    client.connection.onNotification('piilint/status', (status: { state: string }) => {
      if (status.state === 'analysing') analyses++;
    });
    try {
      const file = building.filesWithFindings[0]!;
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      // 1,000 pairs over about two seconds, as a script or a misbehaving extension would send them.
      for (let index = 0; index < 1_000; index++) {
        void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: index, text } });
        if (pull) void client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).catch(() => undefined);
        void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        if (index % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const duringFlood = analyses;
      const asked = Date.now();
      await within(client.connection.sendRequest('piilint/rules'), ANSWER_WITHIN_MS, 'piilint/rules after the flood');
      const answeredMs = Date.now() - asked;
      console.info(`[hostile-server] open/close flood (${_case}): ${duringFlood} analyses during it, a request answered ${answeredMs} ms after it`);
      // Before: 18 and 45 analyses during the flood, and 15 s and 19 s to answer, on the 2-core machine.
      expect(duringFlood).toBeLessThanOrEqual(3);
      await expectCleanStop(client);
    } finally {
      client.process.kill('SIGKILL');
      building.remove();
    }
  }, 180_000);
});

describe('requests while an analysis runs', () => {
  it('are answered within the bound while a 400-file workspace is analysed', async () => {
    const building = createBuildingWorkspace(20, 20);
    const { client } = await LspTestClient.start({ workspaceFolders: [building.root], pull: true });
    try {
      const file = building.filesWithFindings[0]!;
      await client.open(file);
      const pull = client.pull(file);
      // The analysis of the whole folder starts with the open; these arrive while it runs.
      const asked = Date.now();
      await within(client.connection.sendRequest('piilint/rules'), ANSWER_WITHIN_MS, 'piilint/rules during the analysis');
      const rulesMs = Date.now() - asked;
      const actions = await within(client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), ANSWER_WITHIN_MS, 'a code action request during the analysis');
      console.info(`[hostile-server] during a 400-file analysis: piilint/rules answered in ${rulesMs} ms, code actions in ${Date.now() - asked} ms`);
      expect(Array.isArray(actions)).toBe(true);
      const report = await within(pull, 120_000, 'the document pull');
      expect(report.kind).toBe('full');
      await expectCleanStop(client);
    } finally {
      client.process.kill('SIGKILL');
      building.remove();
    }
  }, 180_000);
});

describe('the protocol lifecycle', () => {
  function rawServer(): { server: ChildProcess; connection: MessageConnection } {
    const server = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    return { server, connection };
  }

  async function errorCode(request: Promise<unknown>): Promise<number | undefined> {
    try {
      await within(request, ANSWER_WITHIN_MS, 'a request');
      return undefined;
    } catch (error) {
      if (error instanceof ResponseError) return error.code;
      throw error;
    }
  }

  it('answers ServerNotInitialized before initialize and InvalidRequest after shutdown, and exits 0', async () => {
    const folder = temp.project('lifecycle', { 'src/good.ts': GOOD_FILE });
    const { server, connection } = rawServer();
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const pushed: unknown[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params) => pushed.push(params));
    connection.onRequest('workspace/configuration', () => [null]);
    connection.onRequest('client/registerCapability', () => null);
    try {
      const uri = pathToFileURL(path.join(folder, 'src', 'good.ts')).href;
      expect(await errorCode(connection.sendRequest('piilint/rules'))).toBe(-32002);
      expect(await errorCode(connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }))).toBe(-32002);
      // A notification before initialize is ignored: the document was never opened as far as the server knows.
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: GOOD_FILE } });
      await within(connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} }), ANSWER_WITHIN_MS, 'initialize');
      await connection.sendNotification('initialized', {});
      await within(connection.sendRequest('piilint/rules'), ANSWER_WITHIN_MS, 'piilint/rules');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(pushed).toEqual([]);
      await within(connection.sendRequest('shutdown'), ANSWER_WITHIN_MS, 'shutdown');
      expect(await errorCode(connection.sendRequest('piilint/rules'))).toBe(-32600);
      expect(await errorCode(connection.sendRequest('shutdown'))).toBe(-32600);
      await connection.sendNotification('exit');
      expect(await within(exited, ANSWER_WITHIN_MS, 'exit')).toBe(0);
    } finally {
      connection.dispose();
      server.kill('SIGKILL');
    }
  }, 60_000);
});

describe('a client that stops reading', () => {
  it('keeps the server within bounded memory, then delivers the diagnostics of the final text', async () => {
    // 600 logged ID numbers: every push of this file's diagnostics is about 600 KB.
    const noisy = ['interface Customer { name: string; idCardNo: string }', 'export function logVisits(customer: Customer): void {'];
    for (let index = 0; index < 600; index++) noisy.push(`  console.info('visit ${index}', customer.idCardNo);`);
    noisy.push('}', '');
    const folder = temp.project('not-reading', { 'src/noisy.ts': noisy.join('\n') });
    const file = path.join(folder, 'src', 'noisy.ts');
    // A capped heap keeps the garbage of 200 analyses from hiding what matters: the frames waiting for the client,
    // which live outside the heap.
    const { client } = await LspTestClient.start({ workspaceFolders: [folder], env: { NODE_OPTIONS: '--max-old-space-size=320' } });
    try {
      await client.open(file);
      await client.waitForPushed(file, (diagnostics) => diagnostics.length === 600, 60_000);
      const before = client.residentKiB() ?? 0;
      client.process.stdout!.pause();
      let peak = before;
      const uri = pathToFileURL(file).href;
      // Each edit adds or removes a trailing comment, slowly enough to be analysed: the same 600 diagnostics are
      // pushed again for every version.
      let version = 100;
      for (; version < 300; version++) {
        const text = `${noisy.join('\n')}${version % 2 === 0 ? '// edited\n' : ''}`;
        expect(client.process.exitCode, `the server exited while its client paused:\n${client.stderr.slice(-2000)}`).toBeNull();
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        await new Promise((resolve) => setTimeout(resolve, 120));
        peak = Math.max(peak, client.residentKiB() ?? 0);
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      peak = Math.max(peak, client.residentKiB() ?? 0);
      console.info(`[hostile-server] client not reading: ${Math.round(before / 1024)} MiB before, ${Math.round(peak / 1024)} MiB at most while paused`);
      // The heap alone may grow by its cap (320 MB) with the garbage of 200 analyses; unbounded frames would not stop.
      expect(peak - before).toBeLessThan(384 * 1024);
      client.process.stdout!.resume();
      const final = await client.waitForPushed(file, () => client.pushed.get(uri)?.version === version - 1, 60_000);
      expect(final.diagnostics).toHaveLength(600);
      await expectCleanStop(client);
    } finally {
      client.process.kill('SIGKILL');
    }
  }, 180_000);
});

describe('an open document over the size limit', () => {
  it('shows one notice that its findings are not shown, and no findings from the file on disk', async () => {
    const folder = temp.project('oversized', { 'src/good.ts': GOOD_FILE, 'piilint.config.json': '{ "maxFileSize": 4096 }' });
    const file = path.join(folder, 'src', 'good.ts');
    const { client } = await LspTestClient.start({ workspaceFolders: [folder], pull: true });
    try {
      await client.open(file);
      const first = await within(client.pull(file), ANSWER_WITHIN_MS, 'a pull');
      expect('items' in first ? first.items.length : 0).toBe(1);
      await client.change(file, `${GOOD_FILE}\n// ${'x'.repeat(8_000)}\n`);
      const report = await within(client.pull(file), ANSWER_WITHIN_MS, 'a pull of the oversized document');
      const items = 'items' in report ? report.items : [];
      expect(items).toHaveLength(1);
      expect(items[0]?.message).toContain('not even those of the file on disk, which would be stale');
      await expectCleanStop(client);
    } finally {
      client.process.kill('SIGKILL');
    }
  }, 60_000);
});
