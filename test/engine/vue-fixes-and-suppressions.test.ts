/**
 * Suppressions and fixes in Vue single-file components (issue #16, item 7): a directive counts only in a script
 * block's comments; a fix edits only inside script blocks, and one that adds an `import` to a component puts it at
 * the top of its first script block, not above the template.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseSfc } from '@vue/compiler-sfc';
import { describe, expect, it } from 'vitest';
import { cameraEgressRule, idNumberLoggingRule } from '../../rules/index';
import { scriptSourceOf } from '../../server/src/engine/files/script-source';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import { applyEdits, applyFixes, sha256 } from '../../server/src/engine/fixes/apply-fixes';
import { fitFixToScripts } from '../../server/src/engine/fixes/fit-to-script';
import { findingLines, scanSources } from '../support/scan-sources';
import { idRule } from '../support/test-rules';

const LOGGED = "  console.log('visitor', visitor.idCardNo);";

describe('suppressions', () => {
  it('a directive in a script block suppresses, with its reason; one in the template is markup', async () => {
    const text = [
      '<template>',
      '  <!-- piilint-disable-next-line test-id -- not a script comment -->',
      '  <p>// piilint-disable-next-line test-id -- template text</p>',
      '</template>',
      '<script setup lang="ts">',
      'function log(visitor: { idCardNo: string }) {',
      '  // piilint-disable-next-line test-id -- the sample ID printed on the demo card',
      LOGGED,
      '}',
      'function logAgain(visitor: { idCardNo: string }) {',
      LOGGED,
      '}',
      '// piilint-disable-next-line test-id -- nothing to suppress here',
      'const shown = 1;',
      '</script>',
      '',
    ].join('\n');
    const result = await scanSources({ 'src/Visitor.vue': text }, [idRule]);
    expect(findingLines(result)).toEqual(['src/Visitor.vue:8 test-id', 'src/Visitor.vue:11 test-id', 'src/Visitor.vue:13 unused-suppression']);
    const [suppressed, reported, unused] = result.findings;
    expect(suppressed!.suppression).toMatchObject({ kind: 'inSource', justification: 'the sample ID printed on the demo card' });
    expect(reported!.suppression).toBeUndefined();
    expect(unused!.range).toMatchObject({ line: 13, column: '// piilint-disable-next-line '.length + 1 });
  });

  it('reads a directive in a JSX script block as a comment, and JSX text as text', async () => {
    const text = `<script lang="tsx">\nexport const Card = () => <p>// piilint-disable-next-line test-id -- text</p>;\nexport function log(visitor: { idCardNo: string }) {\n  // piilint-disable-next-line test-id -- demo card\n${LOGGED}\n}\n</script>\n`;
    const result = await scanSources({ 'src/Card.vue': text }, [idRule]);
    expect(findingLines(result)).toEqual(['src/Card.vue:5 test-id']);
    expect(result.findings[0]!.suppression).toMatchObject({ justification: 'demo card' });
  });
});

describe('fixes', () => {
  /** A lobby kiosk whose script imports nothing, and an anonymiser another module of the project uses. */
  const KIOSK = `<template>
  <video ref="preview" autoplay muted></video>
  <button @click="checkIn">Check in</button>
</template>

<script setup lang="ts">
async function checkIn(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  const video = document.createElement('video');
  video.srcObject = stream;
  const canvas = document.createElement('canvas');
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  const photo = canvas.toDataURL('image/jpeg');
  await fetch('https://visitors.example-building.com/api/visits', { method: 'POST', body: JSON.stringify({ kiosk: 'B1', photo }) });
}
</script>

<style scoped>
video { width: 100%; }
</style>
`;
  const PROJECT = {
    'src/lobby/VisitorKiosk.vue': KIOSK,
    'src/lobby/privacy.ts': `/** Fills every face in the snapshot with a solid box, on the kiosk. */\nexport async function anonymizeSnapshot(dataUrl: string): Promise<string> {\n  const { fillFaces } = await import('@vendor/kiosk-vision');\n  return fillFaces(dataUrl);\n}\n`,
    'src/lobby/badge.ts': `import { anonymizeSnapshot } from './privacy';\nexport async function sendBadge(snapshot: string): Promise<void> {\n  await fetch('https://visitors.example-building.com/api/badges', { method: 'POST', body: await anonymizeSnapshot(snapshot) });\n}\n`,
  };

  it('puts the import a fix adds at the top of the script block, and edits nothing outside it', async () => {
    const result = await scanSources(PROJECT, [cameraEgressRule]);
    expect(findingLines(result)).toEqual(['src/lobby/VisitorKiosk.vue:14 no-unanonymized-camera-egress']);
    const finding = result.findings[0]!;
    const fix = finding.fixes.find((candidate) => candidate.title.startsWith('Anonymise with anonymizeSnapshot()'));
    expect(fix, finding.fixes.map((candidate) => candidate.title).join(' | ')).toBeDefined();
    const fixed = applyEdits(KIOSK, fix!.edits);
    expect(fixed).toBe(
      KIOSK.replace('<script setup lang="ts">\n', `<script setup lang="ts">\nimport { anonymizeSnapshot } from './privacy';\n`).replace(
        "kiosk: 'B1', photo }",
        "kiosk: 'B1', photo: await anonymizeSnapshot(photo) }",
      ),
    );
    // Vue reads the same blocks from the fixed file, and the template and style are untouched.
    const before = parseSfc(KIOSK).descriptor;
    const after = parseSfc(fixed).descriptor;
    expect(after.template?.content).toBe(before.template?.content);
    expect(after.styles.map((style) => style.content)).toEqual(before.styles.map((style) => style.content));
    expect(findingLines(await scanSources({ ...PROJECT, 'src/lobby/VisitorKiosk.vue': fixed }, [cameraEgressRule]))).toEqual([]);
  });

  it('offers the suppression fix inside the block', async () => {
    const result = await scanSources(PROJECT, [cameraEgressRule]);
    const finding = result.findings[0]!;
    const regions = scriptSourceOf('/x.vue', KIOSK).regions!;
    for (const candidate of finding.fixes) {
      for (const edit of candidate.edits) expect(regions.some((region) => region.start <= edit.start && edit.end <= region.end)).toBe(true);
    }
    const suppress = finding.fixes.find((candidate) => candidate.title.startsWith('Suppress'))!;
    expect(applyEdits(KIOSK, suppress.edits).split('\n')[13]).toMatch(/^ {2}\/\/ piilint-disable-next-line no-unanonymized-camera-egress -- /);
  });

  it('--fix masks a logged ID number in the script and leaves the rest of the component as it was', async () => {
    const text = `<template>\n  <p>{{ props.idCardNo }}</p>\n</template>\n<script setup lang="ts">\nconst props = defineProps<{ idCardNo: string }>();\nfunction submit(): void {\n  console.log('registering', props.idCardNo);\n}\n</script>\n`;
    const result = await scanSources({ 'src/Register.vue': text }, [idNumberLoggingRule]);
    expect(findingLines(result)).toEqual(['src/Register.vue:7 no-id-number-logging']);
    const summary = await applyFixes({ findings: result.findings, analysedContent: () => ({ sha256: sha256(text) }) });
    expect(summary).toMatchObject({ fixesApplied: 1, conflicts: [] });
    const fixed = fs.readFileSync(path.join(result.root, 'src/Register.vue'), 'utf8');
    expect(fixed).toBe(text.replace("console.log('registering', props.idCardNo)", "console.log('registering', `****${String(props.idCardNo ?? '').slice(-4)}`)"));
    expect(findingLines(await scanSources({ 'src/Register.vue': fixed }, [idNumberLoggingRule]))).toEqual([]);
  });

  it('drops a fix with an edit outside the script blocks, and --fix refuses one', async () => {
    const file = '/app/src/Kiosk.vue';
    const source = scriptSourceOf(file, KIOSK);
    const inTemplate: Fix = { title: 'Edit the template', isSafe: true, edits: [{ file, start: KIOSK.indexOf('<video'), end: KIOSK.indexOf('<video'), newText: '<!-- x -->' }] };
    const onTag: Fix = { title: 'Edit the tag', isSafe: true, edits: [{ file, start: KIOSK.indexOf('<script'), end: KIOSK.indexOf('<script') + 7, newText: '<script' }] };
    const atTop: Fix = { title: 'Import', isSafe: true, edits: [{ file, start: 0, end: 0, newText: "import { a } from './a';\n" }] };
    expect(fitFixToScripts(inTemplate, () => source)).toBeUndefined();
    expect(fitFixToScripts(onTag, () => source)).toBeUndefined();
    expect(fitFixToScripts(atTop, () => source)!.edits[0]!.start).toBe(KIOSK.indexOf('async function'));
    // A plain script is edited anywhere.
    expect(fitFixToScripts(atTop, () => scriptSourceOf('/app/a.ts', 'x();'))).toBe(atTop);

    const written = (await scanSources({ 'src/Kiosk.vue': KIOSK }, [])).root;
    const onDisk = path.join(written, 'src/Kiosk.vue');
    const finding = { ruleId: 'test', severity: 'error', messageId: 'm', message: 'm', range: { file: onDisk, line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1 }, path: [], fixes: [{ ...inTemplate, edits: inTemplate.edits.map((edit) => ({ ...edit, file: onDisk })) }], fingerprint: 'f' } as unknown as Finding;
    const summary = await applyFixes({ findings: [finding], analysedContent: () => ({ text: KIOSK }) });
    expect(summary.fixesApplied).toBe(0);
    expect(summary.conflicts).toMatchObject([{ reason: 'invalid-edit' }]);
    expect(fs.readFileSync(onDisk, 'utf8')).toBe(KIOSK);
  });
});
