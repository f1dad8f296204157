/**
 * Rule `no-id-number-logging` (issue #6): valid and invalid cases, messages and fixes.
 *
 * Cases are small projects under test/fixtures/no-id-number-logging/<project>/ (dealer CRM, test-drive booking,
 * fleet telematics, parking and access-control backends), one case per file. An invalid case marks its one sink
 * line with `// expect: no-id-number-logging` and is listed below with its message id; a valid case (a safe twin or
 * a look-alike) has no marker. Each project is scanned once with every rule enabled, as users run piilint.
 *
 * Cases marked `knownGap` describe what the engine cannot see yet; they run as expected failures (`it.fails`), so
 * they are kept, not weakened, and the suite says so when the engine learns to handle them (STYLE.md: mark a known
 * gap, never delete it). Refs #6.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import type { IdNumberLoggingMessageId } from '../../rules/no-id-number-logging/messages';
import { applyEdits } from '../../server/src/engine/fixes/apply-fixes';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import { expectedLines, findingLines, fixtureScanner, readFixtureFiles, relativeToScan, scanSources } from '../support/scan-sources';

const RULE = 'no-id-number-logging';
const FIXTURES = path.join(__dirname, '..', 'fixtures', RULE);

type Scan = Awaited<ReturnType<typeof scanSources>>;

interface Case {
  /** File of the case, relative to its project. */
  readonly file: string;
  /** Message id of the one finding of an invalid case; absent for a valid case. */
  readonly messageId?: IdNumberLoggingMessageId;
  /** Texts the message must contain (the field of a whole object, the hash, the sink). */
  readonly message?: readonly string[];
  /** Parts of the finding's detail: the legal basis and what to do. */
  readonly detail?: readonly string[];
  /** What the engine lacks for this case to pass (reported to the lead; the case fails until it is fixed). */
  /** A known gap of the engine: the case is expected to fail (`it.fails`) until the engine handles it. */
  readonly knownGap?: string;
}


const PROJECTS: Readonly<Record<string, readonly Case[]>> = {
  loggers: [
    { file: 'src/showroom/walk-in.console.ts', messageId: 'idLogged', message: ["name 'idCardNo'", 'console'] },
    { file: 'src/showroom/walk-in-masked.console.ts' },
    { file: 'src/crm/lead-import.winston.ts', messageId: 'idFieldLogged', message: ["field 'sfzh'", 'Winston logger'] },
    { file: 'src/crm/lead-import-ids.winston.ts' },
    { file: 'src/fleet/trip-start.pino.ts', messageId: 'idFieldLogged', message: ["field 'vin'", 'pino logger'] },
    { file: 'src/fleet/trip-start-last4.pino.ts' },
    { file: 'src/fleet/trip-child.pino.ts', messageId: 'idFieldLogged', message: ['pino child bindings'] },
    { file: 'src/fleet/trip-child-fleet-no.pino.ts' },
    { file: 'src/fleet/ota.nestjs-pino-assign.ts', messageId: 'idFieldLogged', message: ["field 'vin'"] },
    { file: 'src/crm/owner-sync.bunyan.ts', messageId: 'idFieldLogged', message: ['Bunyan child logger fields'] },
    { file: 'src/crm/owner-sync-masked.bunyan.ts' },
    { file: 'src/charging/session.winston-default-meta.ts', messageId: 'idFieldLogged', message: ['Winston default metadata'] },
    { file: 'src/charging/session-pile.winston-default-meta.ts' },
    { file: 'src/parking/entry.child-by-name.ts', messageId: 'idFieldLogged', message: ['child logger bindings', "field 'hphm'"] },
    { file: 'src/parking/entry-lane.child-by-name.ts' },
    { file: 'src/access/gate.log4js.ts', messageId: 'idLogged', message: ['log4js logger'] },
    { file: 'src/access/gate-doc-type.log4js.ts' },
    { file: 'src/showroom/kiosk.loglevel.ts', messageId: 'idLogged', message: ["name 'passportNo'", 'loglevel'] },
    { file: 'src/showroom/kiosk-nationality.loglevel.ts' },
    { file: 'src/tbox/can-bus.debug.ts', messageId: 'idLogged', message: ['debug logger'] },
    { file: 'src/tbox/can-bus-frame.debug.ts' },
    { file: 'src/workshop/repair-order.signale.ts', messageId: 'idLogged', message: ["name 'clsbdh'", 'Signale'] },
    { file: 'src/workshop/repair-order-part.signale.ts' },
    { file: 'src/cli/import-owners.consola.ts', messageId: 'idLogged', message: ["name 'gmsfhm'", 'consola'] },
    { file: 'src/cli/import-owners-count.consola.ts' },
    { file: 'src/legacy/dms-sync.npmlog.ts', messageId: 'idLogged', message: ["name 'hphm'", 'npmlog'] },
    { file: 'src/legacy/dms-sync-type.npmlog.ts' },
    { file: 'src/test-drive/booking.nest.ts', messageId: 'idLogged', message: ["name 'driverLicenseNo'"] },
    { file: 'src/test-drive/licence-check.nest-static.ts', messageId: 'idLogged', message: ['NestJS Logger (static)'] },
    { file: 'src/test-drive/licence-check-masked.nest-static.ts' },
    { file: 'src/tbox/vin-banner.stdout.ts', messageId: 'idLogged', message: ['process stdout/stderr'] },
    { file: 'src/tbox/vin-banner-firmware.stdout.ts' },
    { file: 'src/parking/barrier.logger-by-name.ts', messageId: 'idFieldLogged', message: ["field 'cph'", 'logger (by receiver name)'] },
    { file: 'src/parking/barrier-lane.logger-by-name.ts' },
  ],
  telemetry: [
    { file: 'src/finance/credit-check.sentry.ts', messageId: 'idFieldLogged', message: ["field 'ssn'", 'Sentry event'] },
    { file: 'src/finance/credit-check-user-id.sentry.ts' },
    { file: 'src/crm/plate-lookup.sentry.ts', messageId: 'idLogged', message: ["name 'plateNumber'", 'Sentry event'] },
    { file: 'src/crm/plate-lookup-exception.sentry.ts' },
    { file: 'src/crm/vehicle-tag.sentry.ts', messageId: 'idLogged', message: ["name 'vin'"] },
    { file: 'src/fleet/telemetry-span.otel.ts', messageId: 'idLogged', message: ['tracing span'] },
    { file: 'src/fleet/telemetry-span-model.otel.ts' },
    { file: 'src/access/owner-verified.otel.ts', messageId: 'idFieldLogged', message: ["field 'idCardNo'", 'OpenTelemetry span'] },
    { file: 'src/access/owner-verified-unit.otel.ts' },
    { file: 'src/fleet/dispatch.dd-trace.ts', messageId: 'idLogged', message: ["name 'plateNo'"] },
    { file: 'src/app/plate-search.datadog.ts', messageId: 'idFieldLogged', message: ["field 'plateNumber'"] },
    { file: 'src/app/plate-search-count.datadog.ts' },
    { file: 'src/showroom/test-drive.segment.ts', messageId: 'idFieldLogged', message: ["field 'properties.vin'", 'Segment analytics'] },
    { file: 'src/showroom/test-drive-model.segment.ts' },
    { file: 'src/showroom/reservation.sensors.ts', messageId: 'idFieldLogged', message: ["field 'id_no'", '神策'] },
    { file: 'src/showroom/reservation-card-type.sensors.ts' },
  ],
  // Loggers and telemetry of the ecosystems our users write in (issue #17): each with a valid twin.
  ecosystems: [
    { file: 'src/crm/export-buyer.nest-winston.ts', messageId: 'idLogged', message: ["name 'passportNo'", 'Winston logger'] },
    { file: 'src/crm/export-buyer-country.nest-winston.ts' },
    { file: 'src/parking/gate.koa-tracer.js', messageId: 'idLogged', message: ["name 'plateNo'", 'tracer logger'] },
    { file: 'src/parking/gate-lane.koa-tracer.js' },
    { file: 'src/attendance/punch.midway.ts', messageId: 'idLogged', message: ["name 'idCardNo'", 'Midway logger'] },
    { file: 'src/attendance/punch-gate.midway.ts' },
    { file: 'src/dealer/contract.egg-logger.js', messageId: 'idLogged', message: ["name 'sfzh'"] },
    { file: 'src/dealer/contract-model.egg-logger.js' },
    { file: 'src/tbox/obd.device-console.ts', messageId: 'idLogged', message: ["name 'vin'", 'console (by receiver name)'] },
    { file: 'src/tbox/obd-length.device-console.ts' },
    { file: 'src/kiosk/main.electron-log.ts', messageId: 'idLogged', message: ["name 'idNumber'", 'electron-log'] },
    { file: 'src/kiosk/main-name.electron-log.ts' },
    { file: 'miniprogram/pages/rental/rental.sensors.js', messageId: 'idFieldLogged', message: ["field 'licence'", '神策'] },
    { file: 'miniprogram/pages/rental/rental-order.sensors.js' },
    { file: 'src/crm/lead.sa-node.js', messageId: 'idFieldLogged', message: ["field 'id_card_no'", '神策'] },
    { file: 'src/crm/lead-city.sa-node.js' },
    { file: 'miniprogram/pages/charge/charge.gio.js', messageId: 'idFieldLogged', message: ["field 'plate'", 'GrowingIO'] },
    { file: 'miniprogram/pages/charge/charge-pile.gio.js' },
    { file: 'miniprogram/pages/order/order.umeng.js', messageId: 'idFieldLogged', message: ["field 'vin'", 'Umeng'] },
    { file: 'miniprogram/pages/order/order-amount.umeng.js' },
    { file: 'miniprogram/pages/verify/verify.report.js', messageId: 'idFieldLogged', message: ["field 'id_num'", 'wx.reportAnalytics'] },
    { file: 'miniprogram/pages/verify/verify-ok.report.js' },
    { file: 'src/web/visit.sls.ts', messageId: 'idFieldLogged', message: ["field 'licence'", 'SLS'] },
    { file: 'src/web/visit-model.sls.ts' },
    { file: 'src/tbox/upload.cls.ts', messageId: 'idLogged', message: ["name 'vin'", 'Tencent Cloud CLS'] },
    { file: 'src/tbox/upload-odometer.cls.ts' },
  ],
  literals: [
    { file: 'src/seed/demo-customer.resident-id.ts', messageId: 'idLiteralLogged', message: ['resident ID number (MOD 11-2 check and birth date valid)'] },
    { file: 'src/seed/demo-customer-bad-check.resident-id.ts' },
    { file: 'src/seed/demo-customer-feb30.resident-id.ts' },
    { file: 'src/showroom/receipt-masked.resident-id.ts' },
    { file: 'src/showroom/permit.residence-permit.ts', messageId: 'idLiteralLogged', message: ['Hong Kong, Macau or Taiwan resident'] },
    { file: 'src/access/foreign-resident.permanent-id.ts', messageId: 'idLiteralLogged', message: ['foreign permanent resident ID'] },
    { file: 'src/access/legacy-card.legacy-id.ts', messageId: 'idLiteralLogged', message: ['legacy 15-digit'] },
    { file: 'src/access/hk-visitor.hkid.ts', messageId: 'idLiteralLogged', message: ['Hong Kong identity card'] },
    { file: 'src/access/hk-visitor-bad-check.hkid.ts' },
    { file: 'src/access/tw-visitor.taiwan-id.ts', messageId: 'idLiteralLogged', message: ['Taiwan ID'] },
    { file: 'src/access/tw-visitor-bad-check.taiwan-id.ts' },
    { file: 'src/fleet/demo-vehicle.vin.ts', messageId: 'idLiteralLogged', message: ['VIN (position-9 check digit valid)'] },
    { file: 'src/workshop/part-number.vin.ts' },
    { file: 'src/crm/order-number.vin.ts' },
    { file: 'src/finance/ssn.literal.ts', messageId: 'idLiteralLogged', message: ['US Social Security number'] },
    { file: 'src/finance/itin.literal.ts' },
    { file: 'src/fleet/plate.literal.ts', messageId: 'idLiteralLogged', message: ['Chinese licence plate'] },
    { file: 'src/fleet/plate-invalid.literal.ts' },
    { file: 'src/crm/credit-code.literal.ts' },
    { file: 'src/fleet/european-vin.literal.ts' },
  ],
  masking: [
    { file: 'src/crm/customer-created.masked.ts' },
    { file: 'src/crm/customer-created.reassigned.ts' },
    { file: 'src/crm/customer-created.other-variable.ts', messageId: 'idLogged', message: ["name 'idCardNo'"] },
    { file: 'src/crm/customer-created.discarded.ts', messageId: 'idLogged' },
    { file: 'src/test-drive/licence.body-helper.ts' },
    { file: 'src/test-drive/licence.body-helper-params.ts' },
    { file: 'src/test-drive/companion.body-helper-fix.ts', messageId: 'idLogged', message: ["name 'companionDriverLicenseNo'"] },
    { file: 'src/access/lobby-screen.body-helper.ts' },
    { file: 'src/access/tenant-card.inline-replace.ts' },
    { file: 'src/access/tenant-card.inline-slice.ts' },
    { file: 'src/access/tenant-card.too-long-prefix.ts', messageId: 'idLogged' },
    { file: 'src/fleet/owner-ref.hmac.ts' },
    { file: 'src/fleet/owner-ref.inline-hmac.ts' },
    {
      file: 'src/fleet/owner-ref.plain-hash.ts',
      messageId: 'hashIsNotMasking',
      message: ['unkeyed hash (createHash)', 'which does not mask it'],
      detail: ['few enough to hash them all', 'createHmac'],
    },
    { file: 'src/finance/applicant.md5.ts', messageId: 'hashIsNotMasking', message: ['unkeyed hash (md5)'] },
    { file: 'src/finance/applicant.crypto-js.ts' },
    { file: 'src/finance/applicant.desensitize-method.ts' },
    { file: 'src/finance/applicant.tuomin.ts' },
  ],
  objects: [
    {
      file: 'src/test-drive/test-drive.controller.ts',
      messageId: 'idFieldLogged',
      message: ["field 'idCardNo'", "field 'idCardNo' of CreateTestDriveDto", 'NestJS Logger'],
    },
    { file: 'src/test-drive/reschedule.controller.ts' },
    { file: 'src/crm/customer-merge.json.ts', messageId: 'idFieldLogged', message: ["field 'sfzh'", 'of CustomerEntity'] },
    { file: 'src/crm/customer-merge-list-item.json.ts' },
    { file: 'src/crm/customer-created.pino-object.ts', messageId: 'idFieldLogged', message: ["field 'customer.sfzh'"] },
    { file: 'src/crm/customer-created-picked.pino-object.ts' },
    { file: 'src/fleet/assignment.nested.ts', messageId: 'idFieldLogged', message: ["field 'vehicle.hphm'"] },
    { file: 'src/fleet/assignment-ids.nested.ts' },
    { file: 'src/access/visitor-pass.console.ts', messageId: 'idFieldLogged', message: ["field 'zjhm'", 'of VisitorPass'] },
    { file: 'src/access/visitor-pass-spread.console.ts' },
  ],
  names: [
    { file: 'src/traffic/violation-sync.pinyin-suffix.ts', messageId: 'idLogged', message: ["name 'czsfzmhm'"] },
    { file: 'src/traffic/violation-sync-type.pinyin-suffix.ts' },
    { file: 'src/traffic/transfer.qlrzjh.ts', messageId: 'idLogged', message: ["name 'qlrzjh'"] },
    { file: 'src/traffic/engine-no.fdjh.ts', messageId: 'idLogged', message: ["name 'fdjh'"] },
    { file: 'src/traffic/model.clxh.ts' },
    { file: 'src/workshop/chassis.cjh.ts', messageId: 'idFieldLogged', message: ["field 'cjh'"] },
    { file: 'src/workshop/engine-number.english.ts', messageId: 'idLogged', message: ["name 'oldEngineNo'"] },
    { file: 'src/access/hk-macau-permit.ts', messageId: 'idLogged', message: ["name 'hkMacauTravelPermitNo'"] },
    { file: 'src/access/residence-permit.jzzh.ts', messageId: 'idLogged', message: ["name 'jzzh'"] },
    { file: 'src/access/travel-permit.txzh.ts', messageId: 'idLogged', message: ["name 'txzh'"] },
    { file: 'src/access/macau-id.ts', messageId: 'idLogged', message: ["name 'macauIdNo'"] },
    { file: 'src/access/parking-permit.ts' },
    { file: 'src/showroom/passport.hzhm.ts', messageId: 'idLogged', message: ["name 'hzhm'"] },
    { file: 'src/showroom/foreign-resident.ts', messageId: 'idLogged', message: ["name 'permanentResidentIdNo'"] },
    { file: 'src/finance/ssn.ts', messageId: 'idLogged', message: ["name 'socialSecurityNumber'"] },
    { file: 'src/finance/credit-card.ts' },
    { file: 'src/auth/passport-js.ts' },
    { file: 'src/auth/user-id.ts' },
    { file: 'src/auth/license-key.ts' },
    { file: 'src/media/frame-no.ts' },
    { file: 'src/media/platform.ts' },
    { file: 'src/fleet/vin-length.ts' },
  ],
  redaction: [
    { file: 'src/crm/customer-created.pino-redact.ts' },
    { file: 'src/fleet/trip.pino-redact-wildcard.ts' },
    { file: 'src/fleet/trip.pino-redact-other-path.ts', messageId: 'idFieldLogged', message: ["field 'vin'"] },
    { file: 'src/finance/applicant.sentry-before-send.ts' },
    { file: 'src/access/visitor.sentry-no-before-send.ts', messageId: 'idFieldLogged', message: ["field 'idCardNo'"] },
  ],
  validation: [
    { file: 'src/crm/import-row.regex.ts', messageId: 'idLogged' },
    { file: 'src/crm/import-row-order.regex.ts' },
    { file: 'src/fleet/vin-check.check-digit.ts', messageId: 'idLogged' },
    { file: 'src/fleet/vin-check-count.check-digit.ts' },
    { file: 'src/access/card-reader.regex-match.ts', messageId: 'idLogged', message: ['resident ID number', '/^\\d{17}[\\dX]$/.test'] },
    { file: 'src/access/card-reader-serial.regex-match.ts' },
    { file: 'src/parking/plate-ocr.regex-const.ts', messageId: 'idLogged', message: ['Chinese licence plate', 'PATTERN.test'] },
    { file: 'src/parking/ticket-no.regex-const.ts' },
  ],
  options: [
    { file: 'src/crm/owner-doc.configured-name.ts', messageId: 'idLogged', message: ['configured field name', 'configured logger'] },
    { file: 'src/crm/owner-doc.configured-logger.ts', messageId: 'idFieldLogged', message: ["field 'idCardNo'", 'configured logger'] },
    { file: 'src/crm/owner-doc.configured-mask.ts' },
    { file: 'src/crm/owner-doc.unconfigured-name.ts' },
  ],
};

// ─── fixture plumbing ──────────────────────────────────────────────────────────

const readProject = (name: string) => readFixtureFiles(path.join(FIXTURES, name));
const scanProject = fixtureScanner(FIXTURES, allRules);

function ruleFindingsIn(result: Scan, file: string): Finding[] {
  return result.findings.filter((finding) => finding.ruleId === RULE && relativeToScan(result, finding.range.file) === file);
}

function linesIn(lines: readonly string[], file: string): string[] {
  return lines.filter((line) => line.startsWith(`${file}:`) && line.endsWith(` ${RULE}`)).sort();
}

function defined<T>(value: T | undefined, reason: string): T {
  expect(value, reason).toBeDefined();
  return value as T;
}

async function checkCase(project: string, testCase: Case): Promise<void> {
  const { files, result } = await scanProject(project);
  expect(files[testCase.file], `${testCase.file} exists in ${project}`).toBeDefined();
  const expected = linesIn(expectedLines(files), testCase.file);
  expect(expected.length, 'a case file marks one sink (invalid) or none (valid)').toBe(testCase.messageId ? 1 : 0);
  expect(linesIn(findingLines(result), testCase.file)).toEqual(expected);
  const findings = ruleFindingsIn(result, testCase.file);
  if (testCase.messageId === undefined) return;
  const finding = defined(findings[0], 'the finding');
  expect(finding.messageId).toBe(testCase.messageId);
  for (const text of testCase.message ?? []) expect(finding.message).toContain(text);
  for (const text of testCase.detail ?? []) expect(finding.detail).toContain(text);
}

function caseName(testCase: Case): string {
  const kind = testCase.messageId ? `invalid (${testCase.messageId})` : 'valid';
  return `${testCase.file}: ${kind}${testCase.knownGap ? ` [known gap: ${testCase.knownGap}]` : ''}`;
}

// ─── fixes ─────────────────────────────────────────────────────────────────────

interface FixOutcome {
  readonly finding: Finding;
  readonly fix: Fix;
  readonly before: string;
  readonly after: string;
}

/** Applies one fix of the file's only finding to the file text. */
async function applyFixOf(project: string, file: string, pick: (fix: Fix) => boolean): Promise<FixOutcome> {
  const { files, result } = await scanProject(project);
  const findings = ruleFindingsIn(result, file);
  expect(findings.length, `one finding in ${file}`).toBe(1);
  const finding = findings[0]!;
  const fix = defined(finding.fixes.find(pick), `a matching fix among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  for (const edit of fix.edits) expect(relativeToScan(result, edit.file)).toBe(file);
  const before = files[file]!;
  return { finding, fix, before, after: applyEdits(before, fix.edits) };
}

/** Scans the project again with `file` replaced by `text`. */
async function rescan(project: string, file: string, text: string): Promise<Scan> {
  return scanSources({ ...readProject(project), [file]: text }, allRules);
}

/** The line of `text` that contains `needle` (the fixed sink line), trimmed and without its `// expect:` marker. */
function lineWith(text: string, needle: string): string {
  const line = defined(text.split('\n').find((candidate) => candidate.includes(needle)), `a line containing ${needle}`);
  return line.replace(/\s*\/\/ expect: .*$/, '').trim();
}

/**
 * The safe fix's contract: its output is the expected text, the finding is gone when the fixed file is scanned
 * again, and `--fix` run a second time has nothing left to do.
 */
async function expectSafeFix(project: string, file: string, expected: { readonly line: string; readonly title: string }): Promise<void> {
  const { fix, after } = await applyFixOf(project, file, (candidate) => candidate.isSafe);
  expect(fix.isPreferred).toBe(true);
  expect(fix.title).toBe(expected.title);
  expect(after).toContain(expected.line);
  const again = await rescan(project, file, after);
  expect(ruleFindingsIn(again, file).map((finding) => finding.message)).toEqual([]);
  expect(again.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
  const safeEdits = ruleFindingsIn(again, file).flatMap((finding) => finding.fixes.filter((f) => f.isSafe).flatMap((f) => f.edits));
  expect(applyEdits(after, safeEdits)).toBe(after);
}

const INLINE_TITLE = 'Mask the ID number, keeping only the last four characters';
const LITERAL_TITLE = 'Star out the ID number in this text, keeping only the last four characters';

// ─── tests ─────────────────────────────────────────────────────────────────────

describe(`${RULE} (issue #6)`, () => {
  for (const [project, cases] of Object.entries(PROJECTS)) {
    describe(project, () => {
      for (const testCase of cases) (testCase.knownGap ? it.fails : it)(caseName(testCase), () => checkCase(project, testCase));

      it('has a case for every file with a marker, and no finding outside the listed cases', async () => {
        const { files, result } = await scanProject(project);
        const listed = new Set(cases.map((testCase) => testCase.file));
        const marked = [...new Set(expectedLines(files).map((line) => line.slice(0, line.indexOf(':'))))];
        expect(marked.filter((file) => !listed.has(file))).toEqual([]);
        const reported = findingLines(result).filter((line) => line.endsWith(` ${RULE}`));
        expect(reported.filter((line) => !listed.has(line.slice(0, line.indexOf(':'))))).toEqual([]);
        expect(result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.message)).toEqual([]);
      });
    });
  }

  it('has at least 40 invalid and 40 valid cases, covering every message', () => {
    const all = Object.values(PROJECTS).flat();
    expect(all.filter((testCase) => testCase.messageId !== undefined).length).toBeGreaterThanOrEqual(40);
    expect(all.filter((testCase) => testCase.messageId === undefined).length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((testCase) => testCase.messageId).filter(Boolean))).toEqual(
      new Set(['idLogged', 'idFieldLogged', 'idLiteralLogged', 'hashIsNotMasking']),
    );
  });

  describe('messages', () => {
    it('says in Chinese what leaks and what to do (zh-CN locale)', async () => {
      const files = readProject('loggers');
      const result = await scanSources(files, allRules, { locale: 'zh-CN' });
      const finding = defined(ruleFindingsIn(result, 'src/showroom/walk-in.console.ts')[0], 'the finding');
      expect(finding.message).toBe("未经脱敏的号码（证件号码，名称 'idCardNo'）进入了 console 控制台。");
      expect(finding.detail).toContain('《居民身份证法》第十九条');
      const fix = defined(finding.fixes.find((f) => f.isSafe), 'the safe fix');
      expect(fix.title).toBe('对证件号码脱敏，仅保留后四位');
    });

    it('points back from the sink to the source', async () => {
      const { result } = await scanProject('masking');
      const finding = defined(ruleFindingsIn(result, 'src/fleet/owner-ref.plain-hash.ts')[0], 'the finding');
      expect(finding.path[0]).toMatchObject({ kind: 'source', range: { line: 5 } });
      expect(finding.path[finding.path.length - 1]).toMatchObject({ kind: 'sink', range: { line: 6 } });
    });

    it('offers no mask for a plain hash: choosing an HMAC or a mask needs a person', async () => {
      const { result } = await scanProject('masking');
      const finding = defined(ruleFindingsIn(result, 'src/fleet/owner-ref.plain-hash.ts')[0], 'the finding');
      expect(finding.fixes.map((fix) => fix.isSafe)).toEqual([false]);
    });
  });

  describe('safe fix: mask the value', () => {
    it('wraps a template placeholder in an inline mask (console)', () =>
      expectSafeFix('loggers', 'src/showroom/walk-in.console.ts', {
        title: INLINE_TITLE,
        line: "console.info(`walk-in registered by ${salesConsultant}: ${visitor.name} (${`****${String(visitor.idCardNo ?? '').slice(-4)}`})`);",
      }));

    it('wraps a plain argument (loglevel)', () =>
      expectSafeFix('loggers', 'src/showroom/kiosk.loglevel.ts', {
        title: INLINE_TITLE,
        line: "log.debug('passport scanned at kiosk', `****${String(scan.passportNo ?? '').slice(-4)}`);",
      }));

    it('wraps a shorthand property of a logged object literal (pino)', () =>
      expectSafeFix('loggers', 'src/fleet/trip-start.pino.ts', {
        title: INLINE_TITLE,
        line: "log.info({ vin: `****${String(vin ?? '').slice(-4)}`, tripId, odometerKm }, 'trip started');",
      }));

    it('wraps a nested property of a telemetry payload (Segment)', () =>
      expectSafeFix('telemetry', 'src/showroom/test-drive.segment.ts', {
        title: INLINE_TITLE,
        line: "properties: { modelCode: booking.modelCode, vin: `****${String(booking.vin ?? '').slice(-4)}`, storeCode: booking.storeCode },",
      }));

    it("uses the project's mask helper when the file already imports it", () =>
      expectSafeFix('masking', 'src/crm/customer-created.other-variable.ts', {
        title: 'Mask the ID number with maskIdNumber()',
        line: 'logger.info(`customer ${customer.customerNo} created, ID ${maskIdNumber(customer.idCardNo)}, guarantor ${guarantor}`);',
      }));

    it('uses a helper recognised from its body when the file imports it (`lastFour`)', () =>
      expectSafeFix('masking', 'src/test-drive/companion.body-helper-fix.ts', {
        title: 'Mask the ID number with lastFour()',
        line: 'logger.info(`booking ${booking.bookingNo}: driver ${driver}, companion ${lastFour(booking.companionDriverLicenseNo)}`);',
      }));

    it('stars out a real ID number written in the log text, keeping the last four characters', () =>
      expectSafeFix('literals', 'src/seed/demo-customer.resident-id.ts', {
        title: LITERAL_TITLE,
        line: "logger.debug('seeding demo customer 张伟, ID **************002X');",
      }));

    it('stars out an HKID and keeps its check digit in brackets', () =>
      expectSafeFix('literals', 'src/access/hk-visitor.hkid.ts', {
        title: LITERAL_TITLE,
        line: "console.info('HK visitor pre-registered, HKID ****456(3)');",
      }));
  });

  describe('suggestions', () => {
    it('leaves a field out of a logged object literal', async () => {
      const { fix, after } = await applyFixOf('loggers', 'src/fleet/trip-start.pino.ts', (f) => f.title === 'Leave `vin` out of the logged object');
      expect(fix.isSafe).toBe(false);
      expect(lineWith(after, 'log.info(')).toBe("log.info({ tripId, odometerKm }, 'trip started');");
      const again = await rescan('loggers', 'src/fleet/trip-start.pino.ts', after);
      expect(ruleFindingsIn(again, 'src/fleet/trip-start.pino.ts')).toEqual([]);
    });

    it('leaves the last field out of a nested payload without breaking the commas', async () => {
      const { after } = await applyFixOf('loggers', 'src/crm/lead-import.winston.ts', (f) => f.title === 'Leave `sfzh` out of the logged object');
      expect(lineWith(after, 'logger.info(')).toBe("logger.info('lead imported from dealer portal', { leadId: row.leadId });");
    });

    it('logs a copy of a whole DTO without the ID field', async () => {
      const file = 'src/test-drive/test-drive.controller.ts';
      const { fix, after } = await applyFixOf('objects', file, (f) => f.title === 'Leave `idCardNo` out of the logged object');
      expect(fix.isSafe).toBe(false);
      expect(after).toContain(
        ['  create(@Body() dto: CreateTestDriveDto): { ok: boolean } {', '    const { idCardNo: _idCardNo, ...dtoForLog } = dto;', '    this.logger.log(dtoForLog);'].join('\n'),
      );
      const again = await rescan('objects', file, after);
      expect(ruleFindingsIn(again, file)).toEqual([]);
    });

    it('logs a copy of an entity held in a property of the logged object', async () => {
      const file = 'src/crm/customer-created.pino-object.ts';
      const { after } = await applyFixOf('objects', file, (f) => f.title === 'Leave `sfzh` out of the logged object');
      expect(after).toContain(
        ['  const { sfzh: _sfzh, ...customerForLog } = customer;', "  logger.info({ customer: customerForLog, salesId }, 'customer created');"].join('\n'),
      );
      const again = await rescan('objects', file, after);
      expect(ruleFindingsIn(again, file)).toEqual([]);
    });

    it('suppresses the line with a reason to fill in', async () => {
      const file = 'src/tbox/vin-banner.stdout.ts';
      const { fix, after } = await applyFixOf('loggers', file, (f) => f.title.startsWith('Suppress'));
      expect(fix.isSafe).toBe(false);
      expect(after).toContain(
        ['  // piilint-disable-next-line no-id-number-logging -- <reason>', '  process.stdout.write(`T-Box ${firmware} ready, VIN ${vin}\\n`);'].join('\n'),
      );
      const selection = defined(fix.selection, 'the reason is selected');
      expect(after.slice(selection.start, selection.end)).toBe('<reason>');
    });
  });
});
