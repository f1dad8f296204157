/**
 * The language server through a plain LSP client over stdio, in the push model (a client without pull
 * diagnostics, like Neovim 0.7): diagnostics on open and change with the flow across files, code actions and
 * their edits, settings, watched files, a bad config, a parse error, a deleted file, an enormous buffer, shutdown.
 */
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, lineOf } from './lsp-client';
import { copyFixture, type FixtureFolder } from './workspace-fixture';

const ID_RULE = 'no-id-number-logging';
const CAMERA_RULE = 'no-unanonymized-camera-egress';
const BIOMETRIC_RULE = 'no-unconsented-biometric-storage';

let fixture: FixtureFolder;
let client: LspTestClient;

beforeEach(async () => {
  fixture = copyFixture();
  ({ client } = await LspTestClient.start({ workspaceFolders: [fixture.root] }));
});

afterEach(async () => {
  if (client.process.exitCode === null) await client.stop();
  fixture.remove();
});

const has = (ruleId: string) => (diagnostics: readonly Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === ruleId);
const none = (diagnostics: readonly Diagnostic[]) => diagnostics.length === 0;

describe('initialize', () => {
  test('announces push diagnostics, incremental sync and quick fixes with the fix-all source action', async () => {
    await client.stop();
    const started = await LspTestClient.start({ workspaceFolders: [fixture.root] });
    client = started.client;
    const capabilities = started.initializeResult.capabilities;
    expect(capabilities.diagnosticProvider).toBeUndefined();
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.piilint'] });
    expect(started.initializeResult.serverInfo?.name).toBe('piilint-language-server');
    // It asks for the watched files and for settings changes.
    await client.waitFor(() => (client.registrations.length >= 2 ? true : undefined));
    const watchers = client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    expect(JSON.stringify(watchers?.registerOptions)).toContain('piilint.config.json');
    expect(JSON.stringify(watchers?.registerOptions)).toContain('tsconfig*.json');
  });
});

describe('diagnostics', () => {
  test('on open: every rule, at the sink, with code, link, severity and the path across files', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const published = await client.waitForPushed(booking, has(ID_RULE));
    expect(published.version).toBe(1);
    const [logged] = published.diagnostics;
    expect(logged).toMatchObject({
      range: { start: { line: lineOf(fixture.read('src/booking.ts'), 'logger.log(`Test drive') - 1, character: 13 } },
      severity: 1,
      source: 'piilint',
      code: ID_RULE,
      codeDescription: { href: 'https://github.com/piilint/piilint/blob/main/rules/no-id-number-logging/README.md' },
    });
    expect(logged!.message).toContain('reaches NestJS Logger unmasked');

    // The whole folder is analysed: the other rules' findings arrive for files that are not open.
    await client.waitForPushed(fixture.file('src/dashcam.ts'), has(CAMERA_RULE));
    const dashcam = client.pushed.get(client.uri(fixture.file('src/dashcam.ts')))!.diagnostics;
    expect(dashcam[0]!.range.start.line).toBe(lineOf(fixture.read('src/dashcam.ts'), 'client.publish') - 1);
    const enrol = (await client.waitForPushed(fixture.file('src/enrol.ts'), has(BIOMETRIC_RULE))).diagnostics;
    expect(enrol[0]!.range.start.line).toBe(lineOf(fixture.read('src/enrol.ts'), 'prisma.faceTemplate.create') - 1);

    // The ID number that travels from booking.ts into audit-log.ts: reported at the sink, the path starts in booking.ts.
    const audit = (await client.waitForPushed(fixture.file('src/audit-log.ts'), has(ID_RULE))).diagnostics[0]!;
    expect(audit.range.start.line).toBe(lineOf(fixture.read('src/audit-log.ts'), 'logger.log') - 1);
    const related = audit.relatedInformation ?? [];
    expect(related[0]).toMatchObject({
      location: { uri: client.uri(booking), range: { start: { line: lineOf(fixture.read('src/booking.ts'), "audit('test drive booked'") - 1 } } },
    });
    expect(related.map((step) => step.message)).toContain('passed to audit');
    expect(related.at(-1)!.location.uri).toBe(client.uri(fixture.file('src/audit-log.ts')));
    // After the path: why it matters and what to do, in plain text.
    expect(related.at(-1)!.message).toContain('Resident Identity Card Law 19');
    expect(related.at(-1)!.message).not.toContain('`');
  });

  test('on change: a new violation appears, a removed one goes, and only the latest version is published', async () => {
    const dashcam = fixture.file('src/dashcam.ts');
    await client.open(dashcam);
    await client.waitForPushed(dashcam, has(CAMERA_RULE));

    // Several quick edits: the debounced analysis publishes for the last version only.
    const text = client.text(dashcam);
    const added = `${text}\nexport function logVin(vin: string): void {\n  console.log(\`vehicle \${vin}\`);\n}\n`;
    await client.change(dashcam, `${text}\n// typing`);
    await client.change(dashcam, `${text}\n// typing more`);
    await client.change(dashcam, added);
    const published = await client.waitForPushed(dashcam, has(ID_RULE));
    expect(published.version).toBe(client.version(dashcam));
    expect(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line])).toEqual([
      [CAMERA_RULE, 9],
      [ID_RULE, lineOf(added, 'console.log(`vehicle') - 1],
    ]);

    // Remove the publish call: the camera finding goes.
    await client.change(dashcam, added.replace('client.publish(`vehicles/${vin}/dashcam`, jpeg);', 'void jpeg;'));
    const after = await client.waitForPushed(dashcam, (diagnostics) => !has(CAMERA_RULE)(diagnostics));
    expect(after.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([ID_RULE]);
  });

  test('run onSave: edits are not analysed until the document is saved', async () => {
    await client.changeSettings(fixture.root, { run: 'onSave' });
    const dashcam = fixture.file('src/dashcam.ts');
    await client.open(dashcam);
    await client.waitForPushed(dashcam, has(CAMERA_RULE));
    await client.change(dashcam, client.text(dashcam).replace('client.publish(`vehicles/${vin}/dashcam`, jpeg);', 'void jpeg;'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(client.pushed.get(client.uri(dashcam))!.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([CAMERA_RULE]);
    await client.save(dashcam);
    await client.waitForPushed(dashcam, none);
  });

  test('a file that does not parse gets one parse-error diagnostic; the other files keep theirs', async () => {
    const broken = fixture.write('src/broken.ts', 'export function broken( {\n  return 1;\n');
    await client.open(broken);
    const published = await client.waitForPushed(broken, has('parse-error'));
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]!.message).toMatch(/^Cannot parse this file/);
    // The opened file's diagnostics come first (issue #19 §3); the rest of the folder's follow.
    const booking = await client.waitForPushed(fixture.file('src/booking.ts'), has(ID_RULE));
    expect(booking.diagnostics.map((d) => d.code)).toEqual([ID_RULE]);
  });

  test('an enormous buffer is not analysed: one note on it, and the rest goes on', async () => {
    const generated = fixture.file('src/generated.ts');
    const line = 'export const row = { idCardNo: "11010519491231002X" };\n';
    await client.open(generated, line.repeat(Math.ceil((2 * 1024 * 1024 + 10) / line.length)));
    const published = await client.waitForPushed(generated, has('file-too-large'));
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]!.severity).toBe(3);
    await client.waitForPushed(fixture.file('src/booking.ts'), has(ID_RULE));
  });
});

describe('code actions', () => {
  test('the preferred fix comes first, carries the document version, and clears the finding when applied', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const [diagnostic] = (await client.waitForPushed(booking, has(ID_RULE))).diagnostics;
    const actions = await client.codeActions(booking, diagnostic!.range, [diagnostic!]);
    expect(actions.map((action) => [action.title, action.kind, action.isPreferred ?? false])).toEqual([
      ['Mask the ID number, keeping only the last four characters', 'quickfix', true],
      [`Suppress ${ID_RULE} on this line and state the reason`, 'quickfix', false],
      [`Suppress ${ID_RULE} in this file and state the reason`, 'quickfix', false],
      ['Fix all piilint problems in this file', 'quickfix', false],
      ['Fix all safe piilint problems in this file', 'source.fixAll.piilint', false],
    ]);
    const edit = actions[0]!.edit!;
    expect(edit.documentChanges).toEqual([
      {
        textDocument: { uri: client.uri(booking), version: 1 },
        edits: [{ range: expect.anything(), newText: "`****${String(booking.idCardNo ?? '').slice(-4)}`" }],
      },
    ]);
    expect(await client.applyEdit(edit)).toBe(true);
    expect(client.text(booking)).toContain("ID ${`****${String(booking.idCardNo ?? '').slice(-4)}`}");
    const after = await client.waitForPushed(booking, (diagnostics) => !diagnostics.some((d) => d.range.start.line === diagnostic!.range.start.line));
    expect(after.version).toBe(2);
  });

  test('suppress with a reason inserts the directive above the sink; the finding is suppressed once a reason replaces the placeholder', async () => {
    const dashcam = fixture.file('src/dashcam.ts');
    await client.open(dashcam);
    const [diagnostic] = (await client.waitForPushed(dashcam, has(CAMERA_RULE))).diagnostics;
    const actions = await client.codeActions(dashcam, diagnostic!.range, [diagnostic!]);
    const suppress = actions.find((action) => action.title.startsWith('Suppress'))!;
    expect(await client.applyEdit(suppress.edit!)).toBe(true);
    expect(client.text(dashcam)).toContain(`  // piilint-disable-next-line ${CAMERA_RULE} -- <reason>\n  client.publish(`);
    // The placeholder is no reason (#18): the finding stays, next to invalid-suppression, until one is written.
    await client.waitForPushed(dashcam, (diagnostics) => has(CAMERA_RULE)(diagnostics) && has('invalid-suppression')(diagnostics));
    await client.change(dashcam, client.text(dashcam).replace('<reason>', 'the bench rig publishes to the local broker only'));
    await client.waitForPushed(dashcam, none);
  });

  test('a stale edit is refused, and no actions are offered for text that was not analysed', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const [diagnostic] = (await client.waitForPushed(booking, has(ID_RULE))).diagnostics;
    const [fix] = await client.codeActions(booking, diagnostic!.range, [diagnostic!]);
    // Typing (two quick changes): the server waits for a pause before it analyses, as it does for any burst.
    const original = client.text(booking);
    await client.change(booking, `// h\n${original}`);
    await client.change(booking, `// header\n${original}`);
    expect(await client.applyEdit(fix!.edit!)).toBe(false);
    // Asked before the analysis of the new text finished: nothing rather than edits at the wrong place.
    expect(await client.codeActions(booking, diagnostic!.range, [diagnostic!])).toEqual([]);
  });

  test('"Fix all safe piilint problems in this file" applies only safe fixes', async () => {
    const booking = fixture.file('src/booking.ts');
    const text = `${fixture.read('src/booking.ts')}\nexport function logAgain(booking: TestDriveBooking): void {\n  logger.warn(\`again \${booking.idCardNo}\`);\n}\n`;
    fixture.write('src/booking.ts', text);
    await client.open(booking);
    await client.waitForPushed(booking, (diagnostics) => diagnostics.filter((d) => d.code === ID_RULE).length === 2);
    const actions = await client.codeActions(booking, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    expect(actions.map((action) => [action.title, action.kind])).toEqual([['Fix all safe piilint problems in this file', 'source.fixAll.piilint']]);
    expect(await client.applyEdit(actions[0]!.edit!)).toBe(true);
    expect(client.text(booking).match(/`\*\*\*\*\$\{String\(booking\.idCardNo/g)).toHaveLength(2);
    await client.waitForPushed(booking, none);
  });
});

describe('quick-fix menu like vscode-eslint (#18)', () => {
  test('suppress in this file puts a piilint-disable comment with a reason placeholder on the first line', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const [diagnostic] = (await client.waitForPushed(booking, has(ID_RULE))).diagnostics;
    const actions = await client.codeActions(booking, diagnostic!.range, [diagnostic!]);
    const disable = actions.find((action) => action.title === `Suppress ${ID_RULE} in this file and state the reason`)!;
    const original = client.text(booking);
    expect(await client.applyEdit(disable.edit!)).toBe(true);
    expect(client.text(booking)).toBe(`// piilint-disable ${ID_RULE} -- <reason>\n${original}`);
    // The placeholder is no reason: the finding stays until the user writes one.
    await client.waitForPushed(booking, (diagnostics) => has(ID_RULE)(diagnostics) && has('invalid-suppression')(diagnostics));
    await client.change(booking, client.text(booking).replace('<reason>', 'demo data of the training showroom'));
    await client.waitForPushed(booking, none);
  });

  test('"Fix all piilint problems in this file" in the quick-fix menu applies the safe fixes of the file', async () => {
    const booking = fixture.file('src/booking.ts');
    const text = `${fixture.read('src/booking.ts')}\nexport function logAgain(booking: TestDriveBooking): void {\n  logger.warn(\`again \${booking.idCardNo}\`);\n}\n`;
    fixture.write('src/booking.ts', text);
    await client.open(booking);
    const { diagnostics } = await client.waitForPushed(booking, (found) => found.filter((d) => d.code === ID_RULE).length === 2);
    const actions = await client.codeActions(booking, diagnostics[0]!.range, [diagnostics[0]!]);
    const fixAll = actions.find((action) => action.title === 'Fix all piilint problems in this file')!;
    expect(fixAll.kind).toBe('quickfix');
    expect(await client.applyEdit(fixAll.edit!)).toBe(true);
    expect(client.text(booking).match(/`\*\*\*\*\$\{String\(booking\.idCardNo/g)).toHaveLength(2);
    await client.waitForPushed(booking, none);
  });

  test('a client with the documentation command is offered "Show documentation" for the rule', async () => {
    await client.stop();
    ({ client } = await LspTestClient.start({ workspaceFolders: [fixture.root], initializationOptions: { hasOpenRuleDocumentationCommand: true } }));
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const [diagnostic] = (await client.waitForPushed(booking, has(ID_RULE))).diagnostics;
    const actions = await client.codeActions(booking, diagnostic!.range, [diagnostic!]);
    const docs = actions.find((action) => action.title === `Show documentation for ${ID_RULE}`)!;
    expect(docs).toMatchObject({ kind: 'quickfix', command: { command: 'piilint.openRuleDocumentation', arguments: [ID_RULE] } });
  });
});

describe('settings', () => {
  test('severity overrides, locale and enable are read per folder and applied at once', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    await client.waitForPushed(booking, has(ID_RULE));

    await client.changeSettings(fixture.root, { ruleSeverities: { [ID_RULE]: 'warning' } });
    await client.waitForPushed(booking, (diagnostics) => diagnostics[0]?.severity === 2);

    await client.changeSettings(fixture.root, { locale: 'zh-CN' });
    const chinese = await client.waitForPushed(booking, (diagnostics) => /^[\u4e00-\u9fff]/.test(String(diagnostics[0]?.message ?? '')));
    expect(chinese.diagnostics[0]!.severity).toBe(1);

    await client.changeSettings(fixture.root, { enable: false });
    await client.waitForPushed(booking, none);
    await client.waitForPushed(fixture.file('src/dashcam.ts'), none);

    // Unknown values fall back to the defaults instead of switching the linter off.
    await client.changeSettings(fixture.root, { enable: 'yes', run: 'sometimes', ruleSeverities: { [ID_RULE]: 'loud' } });
    const back = await client.waitForPushed(booking, has(ID_RULE));
    expect(back.diagnostics[0]!.severity).toBe(1);
  });

  test('configFile points the folder at another config', async () => {
    const booking = fixture.file('src/booking.ts');
    fixture.write('config/strict-logging-off.json', '{ "rules": { "no-id-number-logging": "off" } }\n');
    await client.open(booking);
    await client.waitForPushed(booking, has(ID_RULE));
    await client.changeSettings(fixture.root, { configFile: 'config/strict-logging-off.json' });
    await client.waitForPushed(booking, none);
    expect(client.pushed.get(client.uri(fixture.file('src/dashcam.ts')))!.diagnostics.map((d) => d.code)).toEqual([CAMERA_RULE]);
  });

  test('a folder added to the workspace takes over a file that was opened outside it', async () => {
    await client.stop();
    ({ client } = await LspTestClient.start({ workspaceFolders: [] }));
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    const loose = await client.waitForPushed(booking, has(ID_RULE));
    expect(loose.diagnostics[0]!.severity).toBe(1);
    client.settings[fixture.root] = { ruleSeverities: { [ID_RULE]: 'warning' } };
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: client.uri(fixture.root), name: 'dealer' }], removed: [] },
    });
    // The workspace folder's own settings apply now.
    await client.waitForPushed(booking, (diagnostics) => diagnostics[0]?.severity === 2);
  });

  test('two workspace folders keep their own settings', async () => {
    await client.stop();
    const second = copyFixture('second');
    try {
      ({ client } = await LspTestClient.start({
        workspaceFolders: [fixture.root, second.root],
        settings: { [second.root]: { ruleSeverities: { [ID_RULE]: 'info' } } },
      }));
      await client.open(fixture.file('src/booking.ts'));
      await client.open(second.file('src/booking.ts'));
      const first = await client.waitForPushed(fixture.file('src/booking.ts'), has(ID_RULE));
      const other = await client.waitForPushed(second.file('src/booking.ts'), has(ID_RULE));
      expect(first.diagnostics[0]!.severity).toBe(1);
      expect(other.diagnostics[0]!.severity).toBe(3);
    } finally {
      await client.stop();
      second.remove();
    }
  });
});

describe('watched files', () => {
  test('a bad config is one diagnostic on the config file and one message; fixing it brings the findings back', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    await client.waitForPushed(booking, has(ID_RULE));
    // The open file's diagnostics come before the whole folder's run: wait for that run too, or it may read the
    // config below half-written and report an empty file instead of the misspelt rule.
    await client.waitForPushed(fixture.file('src/enrol.ts'), has(BIOMETRIC_RULE));

    const config = fixture.write('piilint.config.json', '{\n  "rules": {\n    "no-id-number-loging": "error"\n  }\n}\n');
    await client.filesChanged([{ file: config, type: 2 }]);
    const problem = await client.waitForPushed(config, (diagnostics) => diagnostics.length > 0);
    expect(problem.diagnostics).toEqual([
      expect.objectContaining({
        code: 'config-error',
        severity: 1,
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 25 } },
        message: expect.stringContaining('Did you mean "no-id-number-logging"?'),
      }),
    ]);
    // A failed run clears the old findings, so nothing stale stays on screen.
    await client.waitForPushed(booking, none);
    await client.waitFor(() => client.messages.find((message) => message.type === 1 && message.message.includes('no-id-number-loging')));

    fixture.write('piilint.config.json', '{ "rules": { "no-id-number-logging": "warning" } }\n');
    await client.filesChanged([{ file: config, type: 2 }]);
    await client.waitForPushed(config, none);
    const back = await client.waitForPushed(booking, has(ID_RULE));
    expect(back.diagnostics[0]!.severity).toBe(2);
    expect(client.messages.filter((message) => message.type === 1)).toHaveLength(1);
  });

  test('a deleted file loses its diagnostics; a deleted open file does not disturb the server', async () => {
    const booking = fixture.file('src/booking.ts');
    await client.open(booking);
    await client.waitForPushed(fixture.file('src/audit-log.ts'), has(ID_RULE));

    fs.rmSync(fixture.file('src/audit-log.ts'));
    await client.filesChanged([{ file: fixture.file('src/audit-log.ts'), type: 3 }]);
    await client.waitForPushed(fixture.file('src/audit-log.ts'), none);

    // The open booking.ts is deleted on disk; its editor buffer is still open.
    fs.rmSync(booking);
    await client.filesChanged([{ file: booking, type: 3 }]);
    await client.change(booking, `${client.text(booking)}\n`);
    await client.waitForPushed(booking, none);
    await client.close(booking);

    // Renamed into place again (create): analysed again.
    fixture.write('src/renamed.ts', 'export function logId(idCardNo: string): void {\n  console.log(idCardNo);\n}\n');
    await client.filesChanged([{ file: fixture.file('src/renamed.ts'), type: 1 }]);
    await client.waitForPushed(fixture.file('src/renamed.ts'), has(ID_RULE));
  });
});

describe('lifecycle', () => {
  test('shutdown and exit end the process with code 0', async () => {
    await client.open(fixture.file('src/booking.ts'));
    await client.waitForPushed(fixture.file('src/booking.ts'), has(ID_RULE));
    expect(await client.stop()).toBe(0);
  });

  test('a file outside every workspace folder is analysed with its own folder', async () => {
    const loose = copyFixture('loose');
    try {
      const file = loose.file('src/dashcam.ts');
      await client.open(file);
      await client.waitForPushed(file, has(CAMERA_RULE));
      await client.close(file);
      await client.waitForPushed(file, none);
    } finally {
      loose.remove();
    }
  });
});
