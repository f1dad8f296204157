/**
 * Files that are not plain scripts (issue #16, item 7): Vue single-file components and mini-program page scripts,
 * checked with the camera-egress rule on code as our users write it, in three fixture projects under
 * test/fixtures/no-unanonymized-camera-egress/:
 *   - `uniapp-dealer-app`: uni-app pages, `<script>` with the options API and `<script setup>` in JavaScript;
 *   - `vue3-lobby-kiosk`: a Vue 3 `<script setup lang="ts">` kiosk after a long template, a `@/` path alias;
 *   - `wechat-service-miniprogram`: WeChat `Page({…})` and `Component({…})` scripts with `wx.*` as globals.
 * Each invalid case has a valid twin that anonymises or sends metadata only. The shared tester checks which files
 * have findings; the second part checks that a finding in a component sits at the component's own line and column.
 *
 * Known gap, kept here rather than hidden (issue #16, item 2, the dataflow's): a photo kept with
 * `this.setData({ photo })` in one page method and uploaded from `this.data.photo` in another, or kept in a Vue
 * `ref` or in `data()` and uploaded from another method, is not followed. Each case here sends the photo from the
 * method that took it.
 * Refs #16.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cameraEgressRule } from '../../rules/index';
import { describeFixtureProjects } from '../support/rule-tester';
import { fixtureScanner, relativeToScan } from '../support/scan-sources';

const RULE = 'no-unanonymized-camera-egress';
const CAMERA = 'camera or album media (uni-app)';

describe('Vue components and mini-program page scripts: which files have findings', () => {
  describeFixtureProjects(RULE, {
    'uniapp-dealer-app': [
      { file: 'src/pages/inspection/inspection.vue', messageId: 'rawFrameEgress', message: [CAMERA, 'uni-app upload (uni.uploadFile)'] },
      { file: 'src/pages/inspection-progress/inspection-progress.vue' },
      { file: 'src/pages/handover/handover.vue', messageId: 'rawFrameEgress', message: [CAMERA, 'uni-app upload (uni.uploadFile)'] },
      { file: 'src/pages/handover-mosaic/handover-mosaic.vue' },
      { file: 'src/utils/mosaic.js' },
    ],
    'vue3-lobby-kiosk': [
      { file: 'src/components/VisitorCheckIn.vue', messageId: 'rawFrameEgress', message: ['camera stream (getUserMedia)', 'HTTP request (fetch)'] },
      { file: 'src/components/VisitorCheckInBlurred.vue' },
      { file: 'src/privacy/blur-faces.ts' },
    ],
    'wechat-service-miniprogram': [
      { file: 'miniprogram/pages/checkin/checkin.js', messageId: 'rawFrameEgress', message: ['WeChat upload (wx.uploadFile)'] },
      { file: 'miniprogram/pages/checklist/checklist.js' },
      { file: 'miniprogram/components/plate-camera/plate-camera.js', messageId: 'rawFrameEgress', message: ['WeChat upload (wx.uploadFile)'] },
    ],
  });
});

interface PositionCase {
  readonly name: string;
  readonly project: string;
  readonly file: string;
  /** The text of the sink argument, on the marked line: the finding's range covers exactly it. */
  readonly sink: string;
  /** Text on the line where the path starts (its source). */
  readonly source: string;
}

const positionCases: readonly PositionCase[] = [
  {
    name: 'uni-app, options API in <script> after the template',
    project: 'uniapp-dealer-app',
    file: 'src/pages/inspection/inspection.vue',
    sink: 'res.tempFilePaths[0]',
    source: 'await uni.chooseImage(',
  },
  {
    name: 'uni-app, <script setup> before the template, the upload in a success callback',
    project: 'uniapp-dealer-app',
    file: 'src/pages/handover/handover.vue',
    sink: 'res.tempFilePaths[0]',
    source: 'uni.chooseImage({',
  },
  {
    name: 'Vue 3 kiosk, <script setup lang="ts"> after a 37-line template',
    project: 'vue3-lobby-kiosk',
    file: 'src/components/VisitorCheckIn.vue',
    sink: 'JSON.stringify({ hostId: hostId.value, purpose: purpose.value, photo })',
    source: 'navigator.mediaDevices.getUserMedia(',
  },
  {
    name: 'mini-program Page({…}) method',
    project: 'wechat-service-miniprogram',
    file: 'miniprogram/pages/checkin/checkin.js',
    sink: 'res.tempFiles[0].tempFilePath',
    source: 'await wx.chooseMedia(',
  },
];

/** 1-based line of the first line that contains `needle`. */
function lineWith(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index, `a line with ${needle}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('Vue components and mini-program page scripts: positions are the file\'s own', () => {
  const scan = fixtureScanner(path.join(__dirname, '..', 'fixtures', RULE), [cameraEgressRule]);
  for (const testCase of positionCases) {
    it(testCase.name, async () => {
      const { files, result } = await scan(testCase.project);
      expect(result.notices).toEqual([]);
      const finding = result.findings.find((candidate) => candidate.ruleId === RULE && relativeToScan(result, candidate.range.file) === testCase.file);
      expect(finding, `a finding in ${testCase.file}`).toBeDefined();
      const text = files[testCase.file]!;
      const line = lineWith(text, '// expect:');
      const column = text.split('\n')[line - 1]!.indexOf(testCase.sink) + 1;
      const { line: atLine, column: atColumn, endLine, endColumn, offset, length } = finding!.range;
      expect({ atLine, atColumn, endLine, endColumn }).toEqual({ atLine: line, atColumn: column, endLine: line, endColumn: column + testCase.sink.length });
      expect(text.slice(offset, offset + length)).toBe(testCase.sink);
      expect(finding!.path[0]).toMatchObject({ kind: 'source', range: { file: finding!.range.file, line: lineWith(text, testCase.source) } });
    });
  }
});
