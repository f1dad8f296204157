/**
 * Every fix compiles and removes its finding (issue #18). Each fix the engine offers on examples/showroom and on
 * the rules' fixture projects is applied on its own, as the editor applies it, with the real type declarations of
 * the libraries involved (test/support/showroom-deps.ts). For each fix:
 * - tsc reports no error in the files it changes that was not there before;
 * - a fresh scan of the fixed project no longer reports the finding (for "suppress with a reason", after the
 *   placeholder is replaced by a reason, as the user does).
 * A fix that is listed as not offered has no edits and is not applied. The counts are printed at the end.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import { scan } from '../../server/src/engine/scan';
import { SHOWROOM, ensureShowroomDependencies } from '../support/showroom-deps';
import { ProjectTypeErrors, newErrors } from '../support/type-errors';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const RULE_IDS = new Set(allRules.map((rule) => rule.meta.id));
const REASON = 'reviewed with the data protection officer: the kiosk is a test bench without customers';

/** The showroom, then each fixture project of the three rules that marks an expected finding. */
function projects(): { name: string; root: string }[] {
  const found: { name: string; root: string }[] = [{ name: 'examples/showroom', root: SHOWROOM }];
  const camera = path.join(FIXTURES, 'no-unanonymized-camera-egress', 'invalid');
  for (const name of fs.readdirSync(camera).sort()) found.push({ name: `no-unanonymized-camera-egress/invalid/${name}`, root: path.join(camera, name) });
  for (const rule of ['no-unconsented-biometric-storage', 'no-id-number-logging']) {
    for (const name of fs.readdirSync(path.join(FIXTURES, rule)).sort()) found.push({ name: `${rule}/${name}`, root: path.join(FIXTURES, rule, name) });
  }
  return found;
}

let nodeModules: string;
let temp: string;
const counts = { projects: 0, findings: 0, fixes: 0, byKind: new Map<string, number>() };

beforeAll(() => {
  nodeModules = ensureShowroomDependencies();
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-fixes-compile-'));
}, 900_000);

afterAll(() => {
  fs.rmSync(temp, { recursive: true, force: true });
  const kinds = [...counts.byKind].map(([kind, count]) => `${kind} ${count}`).join(', ');
  console.info(`fixes-compile: ${counts.fixes} fixes of ${counts.findings} findings in ${counts.projects} projects compile and remove their finding (${kinds})`);
});

/** A copy of the project with the dependencies linked in, so that its imports resolve as they would when installed. */
function copyProject(root: string, name: string): string {
  const copy = path.join(temp, name.replace(/[\\/]/g, '__'));
  fs.cpSync(root, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
  fs.symlinkSync(nodeModules, path.join(copy, 'node_modules'), 'dir');
  return copy;
}

/** The fixed texts of the files the fix changes; the suppression's placeholder is replaced by a reason. */
function applyFix(fix: Fix): Map<string, string> {
  const texts = new Map<string, string>();
  const files = new Set(fix.edits.map((edit) => edit.file));
  for (const file of files) {
    let text = fs.readFileSync(file, 'utf8');
    for (const edit of fix.edits.filter((candidate) => candidate.file === file).sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    }
    if (fix.selection?.file === file && isSuppression(fix)) text = text.slice(0, fix.selection.start) + REASON + text.slice(fix.selection.end);
    texts.set(file, text);
  }
  return texts;
}

function isSuppression(fix: Fix): boolean {
  return fix.edits.some((edit) => edit.newText.includes('piilint-disable'));
}

function kindOf(finding: Finding, fix: Fix): string {
  if (isSuppression(fix)) return 'suppress';
  return `${finding.ruleId} ${fix.isSafe ? 'safe' : 'suggestion'}`;
}

describe('every offered fix compiles and removes its finding (#18)', () => {
  for (const project of projects()) {
    it(project.name, async () => {
      const root = copyProject(project.root, project.name);
      const result = await scan({ cwd: root, paths: [], rules: allRules });
      const findings = result.findings.filter((finding) => RULE_IDS.has(finding.ruleId) && !finding.suppression && finding.fixes.length > 0);
      const types = new ProjectTypeErrors(root);
      const before = types.errors();
      // The example type-checks with its real dependencies, so that any wrong fix on it shows (#18 §4).
      if (project.root === SHOWROOM) expect(before, 'examples/showroom type-checks').toEqual([]);
      counts.projects++;
      for (const finding of findings) {
        counts.findings++;
        for (const fix of finding.fixes) {
          const label = `${path.relative(root, finding.range.file)}:${finding.range.line} ${finding.ruleId}: "${fix.title}"`;
          const texts = applyFix(fix);
          const touched = [...texts.keys()];
          const beforeInTouched = before.filter((error) => touched.some((file) => error.startsWith(`${path.relative(root, file)} `)));
          expect(newErrors(beforeInTouched, types.errors(texts, touched)), `${label} adds no type error`).toEqual([]);
          const rescan = await scan({ cwd: root, paths: [], rules: allRules, overlays: texts });
          const still = rescan.findings.filter((found) => found.fingerprint === finding.fingerprint && !found.suppression);
          expect(still.map((found) => `${found.range.line} ${found.messageId}`), `${label} removes the finding`).toEqual([]);
          if (isSuppression(fix)) {
            expect(rescan.findings.filter((found) => found.ruleId === 'invalid-suppression'), `${label} with a reason is valid`).toEqual([]);
          }
          counts.fixes++;
          counts.byKind.set(kindOf(finding, fix), (counts.byKind.get(kindOf(finding, fix)) ?? 0) + 1);
        }
      }
    }, 300_000);
  }
});
