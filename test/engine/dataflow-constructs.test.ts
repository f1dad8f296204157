/**
 * Engine stage: dataflow over the value, call, sanitizer, guard and budget constructs of issue #4.
 * Each fixture is a small project under test/fixtures/dataflow/<group>/<construct>/ (dealer, vehicle and building
 * code, several files where the construct crosses files). The invalid case marks its sink line with
 * `// expect: <rule>`; the valid twin has the same shape, sanitized or guarded, and no marker. Where twins cannot
 * share one project (a guard rule reports the sink once, whichever caller is unguarded), the fixture has `invalid/`
 * and `valid/` folders, or two sibling fixtures. The markers are read by the test only.
 * Refs #4.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/findings/finding';
import { expectedLines, findingLines, fixtureScanner, relativeToScan, scanSources } from '../support/scan-sources';
import { cameraRule, faceRule, idRule } from '../support/test-rules';

const rules = [idRule, faceRule, cameraRule];
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'dataflow');

type Scan = Awaited<ReturnType<typeof scanSources>>;

/** A step as `kind:file:line`, the file relative to the fixture root: short enough to list a whole path. */
type StepText = string;

interface PathExpectation {
  /** `file:line` of the finding's sink. */
  readonly at: string;
  /** Steps the path must pass through, in this order (other steps may sit between them); the last is the sink. */
  readonly through: readonly StepText[];
}

interface Case {
  readonly name: string;
  /** Fixture folders; several when the invalid case and its valid twin cannot share one project. */
  readonly fixtures: readonly string[];
  /** Only compare findings and markers in this file (several cases share one fixture, one file per method). */
  readonly file?: string;
  readonly paths?: readonly PathExpectation[];
}

/** Scans a fixture once per test file: the per-method cases of one fixture share the scan. */
const scanFixture = fixtureScanner(FIXTURES, rules);

function stepsOf(result: Scan, finding: Finding): StepText[] {
  return finding.path.map((step) => `${step.kind}:${relativeToScan(result, step.range.file)}:${step.range.line}`);
}

function findingAt(result: Scan, at: string): Finding | undefined {
  return result.findings.find((finding) => `${relativeToScan(result, finding.range.file)}:${finding.range.line}` === at);
}

/** Asserts that `through` occurs in the path in order and that the path ends at its last entry (the sink). */
function expectPathThrough(result: Scan, expectation: PathExpectation): void {
  const finding = findingAt(result, expectation.at);
  expect(finding, `a finding at ${expectation.at}`).toBeDefined();
  const steps = stepsOf(result, finding!);
  let matched = 0;
  for (const step of steps) if (step === expectation.through[matched]) matched++;
  expect({ path: steps, found: expectation.through.slice(0, matched) }).toEqual({ path: steps, found: expectation.through });
  expect(steps[steps.length - 1]).toBe(expectation.through[expectation.through.length - 1]);
}

function inFile(lines: readonly string[], file: string | undefined): string[] {
  return lines.filter((line) => file === undefined || line.startsWith(file + ':')).sort();
}

async function checkCase(testCase: Case): Promise<void> {
  for (const fixture of testCase.fixtures) {
    const { files, result } = await scanFixture(fixture);
    expect({ fixture, findings: inFile(findingLines(result), testCase.file) }).toEqual({ fixture, findings: inFile(expectedLines(files), testCase.file) });
  }
  // Paths are asserted on the first fixture: the invalid one where the twins live in separate projects.
  for (const expectation of testCase.paths ?? []) {
    const { result } = await scanFixture(testCase.fixtures[0]!);
    expectPathThrough(result, expectation);
  }
}

const valueCases: Case[] = [
  { name: "computed keys with literal values (dto['idCardNo'], obj[KEY] with const KEY = 'vin')", fixtures: ['values/computed-keys'] },
  {
    name: 'JSON.stringify of an object literal and of a whole DTO',
    fixtures: ['values/json-stringify'],
    paths: [{ at: 'src/crm/lead-sync.service.ts:6', through: ['source:src/crm/lead-sync.service.ts:5', 'sink:src/crm/lead-sync.service.ts:6'] }],
  },
  {
    name: 'Buffer.from(frame)',
    fixtures: ['values/buffer-from'],
    paths: [
      {
        at: 'src/tbox/cabin-uploader.ts:10',
        through: ['source:src/tbox/cabin-uploader.ts:8', 'step:src/tbox/cabin-uploader.ts:9', 'sink:src/tbox/cabin-uploader.ts:10'],
      },
    ],
  },
  { name: "buf.toString('base64')", fixtures: ['values/buffer-base64'] },
  { name: 'FormData.append, then the form as fetch body', fixtures: ['values/form-data'] },
  { name: 'new Blob([frame]) and new File([frame], name)', fixtures: ['values/blob-file'] },
  { name: 'Object.assign into a new object and into an existing one', fixtures: ['values/object-assign'] },
  { name: 'array methods: map', fixtures: ['values/array-methods'], file: 'src/fleet/fleet-export.map.ts' },
  { name: 'array methods: filter', fixtures: ['values/array-methods'], file: 'src/access/watchlist.filter.ts' },
  { name: 'array methods: forEach', fixtures: ['values/array-methods'], file: 'src/access/turnstile.for-each.ts' },
  { name: 'array methods: reduce', fixtures: ['values/array-methods'], file: 'src/parking/barrier-batch.reduce.ts' },
  { name: 'array methods: push', fixtures: ['values/array-methods'], file: 'src/parking/checkpoint.push.ts' },
  { name: 'array methods: concat', fixtures: ['values/array-methods'], file: 'src/access/shift-handover.concat.ts' },
  {
    name: 'Map set/get',
    fixtures: ['values/map-set'],
    file: 'src/workshop/service-bays.map.ts',
    paths: [{ at: 'src/workshop/service-bays.map.ts:11', through: ['source:src/workshop/service-bays.map.ts:10', 'sink:src/workshop/service-bays.map.ts:11'] }],
  },
  { name: 'Set add/values', fixtures: ['values/map-set'], file: 'src/access/distinct-visitors.set.ts' },
  {
    name: 'return values across files (one branch unmasked; a field of a returned object)',
    fixtures: ['values/return-values'],
    paths: [
      {
        at: 'src/reception/reception-desk.ts:7',
        through: ['source:src/reception/visitor-presenter.ts:5', 'return:src/reception/visitor-presenter.ts:5', 'sink:src/reception/reception-desk.ts:7'],
      },
      {
        at: 'src/reception/reception-desk.ts:18',
        through: ['source:src/reception/visitor-presenter.ts:14', 'return:src/reception/visitor-presenter.ts:14', 'sink:src/reception/reception-desk.ts:18'],
      },
    ],
  },
  { name: 'shorthand properties ({ gateId, image }) carry the variable they name', fixtures: ['values/object-shorthand'] },
];

const callCases: Case[] = [
  {
    name: 'methods of project classes in other files (repository → service → audit)',
    fixtures: ['calls/cross-file-methods'],
    paths: [
      {
        at: 'src/test-drive/booking-audit.ts:5',
        through: [
          'source:src/customers/customer.repository.ts:8',
          'return:src/customers/customer.repository.ts:8',
          'call:src/test-drive/test-drive.service.ts:13',
          'sink:src/test-drive/booking-audit.ts:5',
        ],
      },
    ],
  },
  {
    name: "renamed imports and re-exports (import { accessLog as trail }, export { x as y } from, export * from)",
    fixtures: ['calls/renamed-imports-reexports'],
    paths: [
      {
        at: 'src/reception/kiosk-check-in.ts:6',
        through: ['source:src/infra/id-card/card-reader.ts:4', 'return:src/infra/id-card/card-reader.ts:5', 'sink:src/reception/kiosk-check-in.ts:6'],
      },
    ],
  },
  {
    name: 'CommonJS require, module.exports and exports.f in .js files',
    fixtures: ['calls/commonjs'],
    paths: [
      {
        at: 'src/audit/plate-audit.js:7',
        through: ['source:src/gate/barrier-controller.js:6', 'call:src/gate/barrier-controller.js:7', 'sink:src/audit/plate-audit.js:7'],
      },
    ],
  },
  {
    name: 'class instances: fields set in the constructor and in methods (this.x)',
    fixtures: ['calls/class-constructor-fields'],
    paths: [{ at: 'src/tbox/cabin-frame-uploader.ts:19', through: ['source:src/tbox/cabin-frame-uploader.ts:15', 'sink:src/tbox/cabin-frame-uploader.ts:19'] }],
  },
  {
    name: 'class instances: parameter properties filled by `new` in another file',
    fixtures: ['calls/class-parameter-properties'],
    paths: [
      {
        at: 'src/handover/handover-report.ts:10',
        through: ['source:src/handover/handover.service.ts:11', 'call:src/handover/handover.service.ts:11', 'sink:src/handover/handover-report.ts:10'],
      },
    ],
  },
  {
    name: 'class instances: getters',
    fixtures: ['calls/class-getters'],
    paths: [
      {
        at: 'src/bookings/booking-desk.ts:6',
        through: ['source:src/bookings/booking-draft.ts:10', 'return:src/bookings/booking-draft.ts:10', 'sink:src/bookings/booking-desk.ts:6'],
      },
    ],
  },
  {
    name: 'injected dependency typed as a project class (NestJS constructor injection)',
    fixtures: ['calls/di-project-class/invalid', 'calls/di-project-class/valid'],
    paths: [
      {
        at: 'src/enrolment/face-template.repository.ts:9',
        through: [
          'source:src/enrolment/enrolment.service.ts:14',
          'call:src/enrolment/enrolment.service.ts:16',
          'sink:src/enrolment/face-template.repository.ts:9',
        ],
      },
    ],
  },
  {
    name: 'injected dependency typed as an interface implemented by a project class',
    fixtures: ['calls/di-interface/invalid', 'calls/di-interface/valid'],
    paths: [
      {
        at: 'src/access/redis-face-store.ts:8',
        through: ['source:src/access/card-enrolment.service.ts:12', 'call:src/access/card-enrolment.service.ts:14', 'sink:src/access/redis-face-store.ts:8'],
      },
    ],
  },
  {
    name: 'closure passed to a local higher-order function (withRetry(() => upload(frame)))',
    fixtures: ['calls/closure-local-hof'],
    paths: [
      {
        at: 'src/tbox/incident-uploader.ts:9',
        through: ['source:src/tbox/incident-uploader.ts:17', 'call:src/tbox/incident-uploader.ts:18', 'sink:src/tbox/incident-uploader.ts:9'],
      },
    ],
  },
  { name: 'callback passed to setInterval', fixtures: ['calls/callback-set-interval'] },
  { name: "callback passed to ws.on('message', …)", fixtures: ['calls/callback-ws-on'] },
  { name: 'callbacks passed to .then(…) and chained .then', fixtures: ['calls/callback-then'] },
  {
    name: 'async/await across files and a promise chain on an async method',
    fixtures: ['calls/async-await'],
    paths: [
      {
        at: 'src/tbox/drowsiness-reporter.ts:8',
        through: ['source:src/tbox/camera.service.ts:7', 'return:src/tbox/camera.service.ts:7', 'sink:src/tbox/drowsiness-reporter.ts:8'],
      },
    ],
  },
  {
    name: 'new Promise around a callback API (cam.capture(…, (err, data) => resolve(data)))',
    fixtures: ['calls/async-promise-constructor'],
    paths: [
      {
        at: 'src/lobby/lobby-monitoring.ts:9',
        through: ['source:src/lobby/lobby-camera.ts:7', 'return:src/lobby/lobby-camera.ts:6', 'sink:src/lobby/lobby-monitoring.ts:9'],
      },
    ],
  },
  {
    name: 'generators: function* yielding frames, consumed by for…of',
    fixtures: ['calls/generators'],
    paths: [
      {
        at: 'src/tbox/burst-uploader.ts:8',
        through: ['source:src/tbox/frame-source.ts:6', 'step:src/tbox/burst-uploader.ts:7', 'sink:src/tbox/burst-uploader.ts:8'],
      },
    ],
  },
];

const sanitizerCases: Case[] = [
  {
    name: 'a sanitizer protects only through its result (discarded or applied to another variable: invalid)',
    fixtures: ['sanitizers/result-use'],
    paths: [{ at: 'src/test-drive/licence-desk.ts:24', through: ['source:src/test-drive/licence-desk.ts:22', 'sink:src/test-drive/licence-desk.ts:24'] }],
  },
];

const guardCases: Case[] = [
  { name: 'enclosing if on a consent flag or a consent service call', fixtures: ['guards/enclosing-if'] },
  { name: 'early return, throw and continue', fixtures: ['guards/early-exit'] },
  { name: '&&, || and ?: short-circuits', fixtures: ['guards/short-circuit'] },
  { name: 'assertion function called as a statement', fixtures: ['guards/assertion-function'] },
  { name: 'check stored in a boolean and tested later (defaulted to true or overridden: invalid)', fixtures: ['guards/stored-boolean'] },
  { name: 'guard in every caller of the function holding the sink', fixtures: ['guards/callers-all-guarded'] },
  {
    name: 'one caller without the guard',
    fixtures: ['guards/callers-one-unguarded'],
    paths: [
      {
        at: 'src/recognition/template-store.ts:7',
        through: ['source:src/recognition/capture.ts:4', 'call:src/aftersales/service-reception.ts:7', 'sink:src/recognition/template-store.ts:7'],
      },
      {
        at: 'src/recognition/template-store.ts:12',
        through: ['call:src/aftersales/service-reception.ts:11', 'source:src/recognition/template-store.ts:11', 'sink:src/recognition/template-store.ts:12'],
      },
    ],
  },
  { name: 'check after the sink', fixtures: ['guards/check-after-sink'] },
  { name: 'check on another branch only', fixtures: ['guards/check-other-branch'] },
  { name: 'privacy-policy check only', fixtures: ['guards/privacy-policy-only'] },
];

describe('dataflow constructs (issue #4)', () => {
  describe('values', () => {
    for (const testCase of valueCases) it(testCase.name, () => checkCase(testCase));
  });

  describe('calls', () => {
    for (const testCase of callCases) it(testCase.name, () => checkCase(testCase));
  });

  describe('sanitizers', () => {
    for (const testCase of sanitizerCases) it(testCase.name, () => checkCase(testCase));
  });

  describe('guards', () => {
    for (const testCase of guardCases) it(testCase.name, () => checkCase(testCase));

    it('says that the only check found was a privacy-policy flag', async () => {
      const { result } = await scanFixture('guards/privacy-policy-only');
      const finding = findingAt(result, 'src/showroom/app-enrolment.ts:9');
      expect(finding?.message).toContain('[weak: privacyPolicy]');
    });
  });

  describe('budgets', () => {
    it('mutual recursion terminates, finds the sink reached before the cycle and reports the cut', async () => {
      const { files, result } = await scanFixture('budget/mutual-recursion');
      expect(findingLines(result).sort()).toEqual(expectedLines(files));
      expectPathThrough(result, {
        at: 'src/buildings/zone-audit.ts:5',
        through: ['source:src/buildings/visitor-access.ts:5', 'call:src/buildings/visitor-access.ts:5', 'sink:src/buildings/zone-audit.ts:5'],
      });
      expect(result.stats.budgetsHit.join('\n')).toMatch(/recursion/);
      expect(result.notices.filter((notice) => notice.code === 'budget-exceeded').map((notice) => notice.message).join('\n')).toMatch(/recursion/);
    });

    it('a call chain deeper than the call-depth budget terminates and says the budget ran out', async () => {
      const { result } = await scanFixture('budget/deep-call-chain');
      expect(result.stats.budgetsHit.join('\n')).toMatch(/call-depth/);
      expect(result.notices.filter((notice) => notice.code === 'budget-exceeded').map((notice) => notice.message).join('\n')).toMatch(/call-depth/);
      // The 60th hop logs the visitor's ID; past the budget it may be missed, but nothing else may be reported. (The
      // chain is 60 calls long: callees are summarised before their callers within a file, so 15 hops per file
      // count once each, and the chain must be deeper than the budget across files.)
      for (const line of findingLines(result)) expect(line).toBe('src/relay/relay-part-4.ts:61 test-id');
    });
  });
});
