/**
 * An editor that answers at once (issue #19 §3), checked by order of events, never by wall time (the times are
 * `npm run bench`'s editor figures):
 * - `initialize` is answered before TypeScript is loaded, and TypeScript is loaded after `initialized`;
 * - the opened file's diagnostics are published before those of the rest of the folder;
 * - a code action for them is answered while the rest of the folder is still being analysed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBuildingWorkspace, type BuildingWorkspace } from './building-fixture';
import { LspTestClient, REPO_ROOT } from './lsp-client';

const HOOK = path.join(REPO_ROOT, 'test', 'support', 'typescript-load-hook.cjs');

let temp: string;
let building: BuildingWorkspace;

beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-startup-'));
  // 400 badge readers: the whole folder takes far longer than one reader and the audit module it imports.
  building = createBuildingWorkspace(20, 20);
});

afterAll(() => {
  building.remove();
  fs.rmSync(temp, { recursive: true, force: true });
});

/** Starts a push-model server whose TypeScript loading is logged to a file, and returns the log's reader. */
async function startLogged(name: string, onInitializeAnswer?: (typescriptLog: string) => void): Promise<{ client: LspTestClient; typescriptLog: () => string }> {
  const logFile = path.join(temp, `${name}.log`);
  const typescriptLog = (): string => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const { client } = await LspTestClient.start({
    workspaceFolders: [building.root],
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${HOOK}`.trim(), PIILINT_TYPESCRIPT_LOAD_LOG: logFile },
    beforeInitialized: () => onInitializeAnswer?.(typescriptLog()),
  });
  return { client, typescriptLog };
}

describe('starting up', () => {
  test('initialize is answered before TypeScript is loaded, which follows initialized', async () => {
    let logAtAnswer: string | undefined;
    const { client, typescriptLog } = await startLogged('initialize', (log) => (logAtAnswer = log));
    try {
      // The hook appends synchronously when TypeScript is first required: had the server loaded it before it
      // answered, the line would be in the file before the answer was written.
      expect(logAtAnswer).toBe('');
      // Loaded once the client has the answer, so the first document does not wait for it.
      expect(await client.waitFor(() => (typescriptLog() === '' ? undefined : typescriptLog()))).toMatch(/^loaded (typescript|ts-morph|@ts-morph\/common)\b/);
      expect(await client.connection.sendRequest('piilint/rules')).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'no-id-number-logging' })]));
    } finally {
      await client.stop();
    }
  });
});

describe('the opened file first', () => {
  test('its diagnostics are published before any other file of the folder, and its code actions answered meanwhile', async () => {
    const { client } = await startLogged('open-first');
    try {
      // The last reader in discovery order, so that coming first is not an accident of order.
      const opened = building.filesWithFindings.at(-1)!;
      const other = building.filesWithFindings[0]!;
      await client.open(opened);
      const first = await client.waitForPushed(opened, (diagnostics) => diagnostics.length === 1);
      expect(client.pushOrder[0]).toBe(client.uri(opened));
      expect(first.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['no-id-number-logging']);
      expect(first.version).toBe(1);

      // Asked once the opened file's diagnostics are out: answered before the rest of the folder is published.
      const actions = await client.codeActions(opened, first.diagnostics[0]!.range, first.diagnostics);
      const pushedBeforeAnswer = [...new Set(client.pushOrder)];
      expect(actions.filter((action) => action.kind === 'quickfix' && action.isPreferred)).toHaveLength(1);
      expect(pushedBeforeAnswer).toEqual([client.uri(opened)]);

      // Then the whole folder: every reader that logs an ID number, the opened one unchanged.
      await client.waitForPushed(other, (diagnostics) => diagnostics.length === 1, 300_000);
      for (const file of building.filesWithFindings) await client.waitForPushed(file, (diagnostics) => diagnostics.length === 1, 300_000);
      expect(client.pushed.get(client.uri(opened))!.diagnostics).toEqual(first.diagnostics);
    } finally {
      await client.stop();
    }
  }, 360_000);
});
