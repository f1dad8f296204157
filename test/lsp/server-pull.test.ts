/**
 * The language server in the LSP 3.17 pull model (what VS Code's client uses): `textDocument/diagnostic` answers
 * for the latest text only, `workspace/diagnostic` covers every file of the folder, result ids make unchanged
 * reports cheap, and the server asks for a refresh when something other than the pulled document changed.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Diagnostic, FullDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient, lineOf } from './lsp-client';
import { copyFixture, type FixtureFolder } from './workspace-fixture';

let fixture: FixtureFolder;
let client: LspTestClient;

beforeEach(async () => {
  fixture = copyFixture();
  const started = await LspTestClient.start({ workspaceFolders: [fixture.root], pull: true, initializationOptions: { wantsStatus: true } });
  client = started.client;
  expect(started.initializeResult.capabilities.diagnosticProvider).toEqual({ identifier: 'piilint', interFileDependencies: true, workspaceDiagnostics: true });
});

afterEach(async () => {
  if (client.process.exitCode === null) await client.stop();
  fixture.remove();
});

test('a document pull answers for the opened text, then "unchanged" for the same result id', async () => {
  const booking = fixture.file('src/booking.ts');
  await client.open(booking);
  const report = (await client.pull(booking)) as FullDocumentDiagnosticReport;
  expect(report.kind).toBe('full');
  expect(report.items.map((item: Diagnostic) => [item.code, item.range.start.line])).toEqual([
    ['no-id-number-logging', lineOf(fixture.read('src/booking.ts'), 'logger.log(`Test drive') - 1],
  ]);
  expect(await client.pull(booking, report.resultId)).toEqual({ kind: 'unchanged', resultId: report.resultId });

  // After an edit the pull waits for the analysis of the new text (never the old result).
  await client.change(booking, client.text(booking).replace('ID ${booking.idCardNo}', 'ref ${booking.customerName}'));
  const after = (await client.pull(booking, report.resultId)) as FullDocumentDiagnosticReport;
  expect(after).toMatchObject({ kind: 'full', items: [] });
  // Pull clients get no pushed diagnostics.
  expect(client.pushed.size).toBe(0);
});

test('a workspace pull reports every file with findings, with the flow across files', async () => {
  const report = await client.pullWorkspace();
  const byFile = new Map(report.items.map((item) => [item.uri.slice(item.uri.lastIndexOf('/') + 1), item as WorkspaceFullDocumentDiagnosticReport]));
  expect([...byFile.keys()].sort()).toEqual(['audit-log.ts', 'booking.ts', 'dashcam.ts', 'enrol.ts']);
  expect(byFile.get('dashcam.ts')!.items[0]!.code).toBe('no-unanonymized-camera-egress');
  expect(byFile.get('enrol.ts')!.items[0]!.code).toBe('no-unconsented-biometric-storage');
  expect(byFile.get('audit-log.ts')!.items[0]!.relatedInformation![0]!.location.uri).toBe(client.uri(fixture.file('src/booking.ts')));
  expect(byFile.get('booking.ts')!.version).toBeNull();

  // With the previous result ids and a change elsewhere, only what changed is sent in full.
  const previous = report.items.map((item) => ({ uri: item.uri, value: item.resultId! }));
  const booking = fixture.file('src/booking.ts');
  await client.open(booking);
  await client.change(booking, client.text(booking).replace("audit('test drive booked', booking.idCardNo);", "audit('test drive booked', booking.customerName);"));
  const next = await client.pullWorkspace(previous);
  const kinds = Object.fromEntries(next.items.map((item) => [item.uri.slice(item.uri.lastIndexOf('/') + 1), item.kind]));
  expect(kinds).toEqual({ 'audit-log.ts': 'full', 'booking.ts': 'unchanged', 'dashcam.ts': 'unchanged', 'enrol.ts': 'unchanged' });
  const audit = next.items.find((item) => item.uri.endsWith('audit-log.ts')) as WorkspaceFullDocumentDiagnosticReport;
  expect(audit.items).toEqual([]);
});

test('a change that only another file sees makes the server ask for a refresh', async () => {
  const booking = fixture.file('src/booking.ts');
  await client.open(booking);
  await client.pull(booking);
  const refreshes = client.refreshRequests;
  await client.change(booking, client.text(booking).replace("audit('test drive booked', booking.idCardNo);", "audit('test drive booked', booking.customerName);"));
  // audit-log.ts loses its finding although nobody pulled it: the client is told to pull again.
  await client.waitFor(() => (client.refreshRequests > refreshes ? true : undefined));
});

test('a pull right after an edit answers for the edited text, even while the opened text is being analysed', async () => {
  const booking = fixture.file('src/booking.ts');
  await client.open(booking);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the analysis of the opened text is under way
  await client.change(booking, client.text(booking).replace('ID ${booking.idCardNo}', 'ref ${booking.customerName}'));
  const report = (await client.pull(booking)) as FullDocumentDiagnosticReport;
  expect(report).toMatchObject({ kind: 'full', items: [] });
});

test('status notifications tell the client about analysing and the number of findings', async () => {
  const statuses: { state: string; findings: number }[] = [];
  client.connection.onNotification('piilint/status', (status: { state: string; findings: number }) => {
    statuses.push(status);
  });
  await client.open(fixture.file('src/dashcam.ts'));
  await client.pull(fixture.file('src/dashcam.ts'));
  await client.waitFor(() => statuses.find((status) => status.state === 'idle'));
  expect(statuses[0]!.state).toBe('analysing');
  expect(statuses.at(-1)).toEqual({ state: 'idle', findings: 4, files: 4 });
});

test('scan workspace and the rule list', async () => {
  const result = await client.connection.sendRequest('piilint/scanWorkspace');
  expect(result).toMatchObject({ folders: 1, files: 4, findings: 4, errors: [] });
  const rules = await client.connection.sendRequest<{ id: string; docsUrl: string }[]>('piilint/rules');
  expect(rules.map((rule) => rule.id)).toEqual([
    'no-unconsented-biometric-storage',
    'no-id-number-logging',
    'no-unanonymized-camera-egress',
    'parse-error',
    'invalid-suppression',
    'unused-suppression',
  ]);
  expect(rules[0]!.docsUrl).toBe('https://github.com/piilint/piilint/blob/main/rules/no-unconsented-biometric-storage/README.md');
});

test('the suppress fix asks a client with the select command to select the reason placeholder', async () => {
  await client.stop();
  ({ client } = await LspTestClient.start({ workspaceFolders: [fixture.root], pull: true, initializationOptions: { hasSelectRangeCommand: true } }));
  const dashcam = fixture.file('src/dashcam.ts');
  await client.open(dashcam);
  const report = (await client.pull(dashcam)) as FullDocumentDiagnosticReport;
  const actions = await client.codeActions(dashcam, report.items[0]!.range, report.items);
  const suppress = actions.find((action) => action.title.startsWith('Suppress'))!;
  const line = lineOf(fixture.read('src/dashcam.ts'), 'client.publish') - 1;
  const start = '  // piilint-disable-next-line no-unanonymized-camera-egress -- '.length;
  expect(suppress.command).toEqual({
    title: suppress.title,
    command: 'piilint.client.selectRange',
    arguments: [client.uri(dashcam), { start: { line, character: start }, end: { line, character: start + '<reason>'.length } }],
  });
});

test('a pull for piilint.config.json reports what is wrong in it', async () => {
  const config = fixture.write('piilint.config.json', '{\n  "locale": "fr"\n}\n');
  await client.open(config);
  await client.filesChanged([{ file: config, type: 2 }]);
  const report = (await client.pull(config)) as FullDocumentDiagnosticReport;
  expect(report.items).toHaveLength(1);
  expect(report.items[0]).toMatchObject({ code: 'config-error', range: { start: { line: 1, character: 12 } } });
  expect(report.items[0]!.message).toContain('locale');
});
