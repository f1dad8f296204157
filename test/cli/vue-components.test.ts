/**
 * Vue single-file components through the spawned CLI (issue #16, item 7): every format names the `.vue` file and
 * its own lines, `--fix` rewrites the script block and nothing else, and a baseline records the function around
 * the sink and the line as written in the component. Needs dist/ (see cli.test.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'piilint.js');

/** A dealer's customer form: the ID number is logged on line 14, column 28, after a template and a comment. */
const CUSTOMER_FORM = `<template>
  <el-form :model="form" @submit.prevent="save">
    <el-form-item label="身份证号"><el-input v-model="form.idCardNo" /></el-form-item>
    <el-form-item label="车牌"><el-input v-model="form.plateNo" /></el-form-item>
  </el-form>
</template>

<script setup lang="ts">
import { reactive } from 'vue';

const props = defineProps<{ customer: { idCardNo: string; name: string } }>();
/** Saves the customer record from the showroom tablet. */
function save(): void {
  console.info('saving', props.customer.idCardNo);
}
</script>
`;

let tempRoot: string;

beforeAll(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-cli-vue-'));
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

function project(name: string): string {
  const folder = path.join(tempRoot, name);
  fs.mkdirSync(path.join(folder, 'src', 'views'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'src', 'views', 'CustomerForm.vue'), CUSTOMER_FORM);
  return folder;
}

function piilint(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, timeout: 60_000 });
}

describe('piilint on Vue components (spawned)', () => {
  it('names the component and its line and column in stylish, json and sarif', () => {
    const folder = project('formats');
    const stylish = piilint([], folder);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/src\/views\/CustomerForm\.vue:14:26 +error +.+ no-id-number-logging/);

    const json = JSON.parse(piilint(['--format', 'json'], folder).stdout) as { findings: { file: string; line: number; column: number; endColumn: number; sinkCall: { line: number; column: number } }[] };
    expect(json.findings).toEqual([
      expect.objectContaining({ file: 'src/views/CustomerForm.vue', line: 14, column: 26, endColumn: 49, sinkCall: expect.objectContaining({ line: 14, column: 3 }) }),
    ]);

    const sarif = JSON.parse(piilint(['--format', 'sarif'], folder).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    const location = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    expect(location.artifactLocation.uri).toBe('src/views/CustomerForm.vue');
    expect(location.region).toMatchObject({ startLine: 14, startColumn: 26 });
  });

  it('--fix masks the ID in the script block and leaves the template as it was', () => {
    const folder = project('fix');
    const run = piilint(['--fix'], folder);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('applied 1 fix in 1 file');
    const fixed = fs.readFileSync(path.join(folder, 'src', 'views', 'CustomerForm.vue'), 'utf8');
    expect(fixed).toBe(CUSTOMER_FORM.replace("'saving', props.customer.idCardNo", "'saving', `****${String(props.customer.idCardNo ?? '').slice(-4)}`"));
  });

  it('a baseline records the function around the sink and the line as written in the component', () => {
    const folder = project('baseline');
    spawnSync('git', ['init', '-q'], { cwd: folder });
    const created = piilint(['baseline', 'create', '--reason', 'legacy showroom app'], folder);
    expect(created.status).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(folder, 'piilint.baseline.json'), 'utf8')) as { entries: { file: string; function: string; snippet: string }[] };
    expect(baseline.entries).toEqual([
      expect.objectContaining({ file: 'src/views/CustomerForm.vue', function: 'save', snippet: "console.info('saving', props.customer.idCardNo);" }),
    ]);
    expect(piilint(['--baseline', 'piilint.baseline.json'], folder).status).toBe(0);
  });
});
