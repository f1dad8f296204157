/**
 * The language server in the user's language, and what it tells the output channel (issue #20):
 * - `locale: "auto"` (the default setting and config) follows the editor's display language, which the VS Code
 *   client passes as `initializationOptions.displayLanguage`; without it, the server's environment (`LANG`);
 * - at start and after each analysis the server logs its version, the folders, the files analysed, the findings
 *   and the time at Info, a level the editor shows by default (never MessageType.Log, which VS Code's log channel
 *   hides at its default level).
 */
import { afterEach, expect, test } from 'vitest';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lsp-client';
import { copyFixture, type FixtureFolder } from './workspace-fixture';

const MESSAGE_TYPE = { error: 1, warning: 2, info: 3, log: 4 } as const;
const HAN = /[\u4e00-\u9fff]/;

let fixture: FixtureFolder | undefined;
let client: LspTestClient | undefined;

afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  fixture?.remove();
  client = undefined;
  fixture = undefined;
});

async function pullBooking(options: { initializationOptions?: unknown; env?: NodeJS.ProcessEnv }): Promise<FullDocumentDiagnosticReport> {
  fixture = copyFixture();
  // A config that names no language: `auto`, the default.
  fixture.write('piilint.config.json', '{}\n');
  const started = await LspTestClient.start({ workspaceFolders: [fixture.root], pull: true, ...options });
  client = started.client;
  const booking = fixture.file('src/booking.ts');
  await client.open(booking);
  return (await client.pull(booking)) as FullDocumentDiagnosticReport;
}

test('auto follows the display language the client passes, over the environment', async () => {
  const report = await pullBooking({ initializationOptions: { wantsStatus: true, displayLanguage: 'zh-cn' }, env: { LANG: 'en_US.UTF-8', LC_ALL: '' } });
  const [diagnostic] = report.items;
  expect(diagnostic!.code).toBe('no-id-number-logging');
  expect(diagnostic!.message).toMatch(/^未经脱敏的号码（证件号码，名称 'idCardNo'）进入了 NestJS 日志。$/);
  // The legal basis follows the path in the related information, in Chinese too.
  expect(diagnostic!.relatedInformation?.at(-1)?.message).toContain('《居民身份证法》第十九条');
});

test('an English display language gives English, whatever LANG says', async () => {
  const report = await pullBooking({ initializationOptions: { displayLanguage: 'en' }, env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
  expect(report.items[0]!.message).toMatch(/^An identifying number \(ID-document number, name 'idCardNo'\) reaches NestJS Logger unmasked\.$/);
  expect(report.items[0]!.message).not.toMatch(HAN);
});

test('without a display language, the server environment decides', async () => {
  const report = await pullBooking({ env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
  expect(report.items[0]!.message).toMatch(HAN);
});

test('logs the version, the folders and each analysis at Info, never at the hidden Log level', async () => {
  await pullBooking({ initializationOptions: { displayLanguage: 'en' } });
  const entries = client!.logEntries;
  const started = entries.find((entry) => entry.message.startsWith('piilint ') && entry.message.includes(' started'));
  expect(started?.type).toBe(MESSAGE_TYPE.info);
  expect(started?.message).toMatch(/^piilint \d+\.\d+\.\d+ \(Node v\d+[^)]*\) started; messages in en; 1 folder\(s\): .*dealer/);
  const analysed = entries.find((entry) => / file\(s\) analysed, \d+ finding\(s\) in \d+ file\(s\), \d+ ms\.$/.test(entry.message));
  expect(analysed?.type).toBe(MESSAGE_TYPE.info);
  expect(analysed?.message).toMatch(/^piilint: dealer[^:]*: [1-9]\d* file\(s\) analysed, [1-9]\d* finding\(s\)/);
  expect(entries.filter((entry) => entry.type === MESSAGE_TYPE.log)).toEqual([]);
});
