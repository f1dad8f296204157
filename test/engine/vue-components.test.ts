/**
 * Vue single-file components through the whole engine (issue #16, item 7): found like scripts, parsed as their
 * script blocks under their own name, imported from other files, reported at their own lines and columns, kept in
 * the `--cache`, and odd components (no script, an empty one, two, a `src` reference, a `</script>` in a string)
 * handled without a crash. Suppressions and fixes are in vue-fixes-and-suppressions.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../server/src/engine/files';
import { scan } from '../../server/src/engine/scan';
import { findingLines, scanSources, writeProject } from '../support/scan-sources';
import { cameraRule, idRule } from '../support/test-rules';

/** A registration form: the ID number typed in is logged (the test rule's name source and console sink). */
function registrationForm(templateLines: number, eol = '\n'): string {
  return [
    '<template>',
    '  <form @submit.prevent="submit">',
    ...Array.from({ length: templateLines }, (_, index) => `    <label>field ${index} <input v-model="form.f${index}" /></label>`),
    '    <input v-model="form.idCardNo" />',
    '  </form>',
    '</template>',
    '',
    '<script setup lang="ts">',
    "import { reactive } from 'vue';",
    "const form = reactive({ idCardNo: '' });",
    'function submit(): void {',
    "  console.log('registering', form.idCardNo); // expect: test-id",
    '}',
    '</script>',
    '',
    '<style scoped>',
    'form { display: grid; }',
    '</style>',
    '',
  ].join(eol);
}

describe('discovery', () => {
  it('finds .vue files like scripts: walked, globbed and named, with the same ignore rules and limits', async () => {
    const root = fs.realpathSync(writeProject({
      'src/pages/Register.vue': registrationForm(1),
      'src/pages/legacy/Old.vue': registrationForm(1),
      'src/pages/Huge.vue': `<template>${'x'.repeat(4096)}</template>`,
      'src/generated/Gen.vue': registrationForm(1),
      'src/pages/main.ts': 'export {};\n',
      '.gitignore': 'src/generated/\n',
    }));
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, 'src/pages/Binary.vue'), Buffer.from([0x3c, 0x00, 0x01, 0x02, 0x00, 0xff]));
    const discover = (paths: string[]) => discoverFiles({ cwd: root, paths, ignore: ['legacy/'], ignoreBaseDir: path.join(root, 'src/pages'), maxFileSize: 2048 });
    const relative = (files: readonly string[]) => files.map((file) => path.relative(root, file).split(path.sep).join('/'));

    const walked = await discover([]);
    expect(relative(walked.files)).toEqual(['src/pages/Register.vue', 'src/pages/main.ts']);
    expect(walked.notices.map((notice) => `${notice.code} ${path.basename(notice.file ?? '')}`).sort()).toEqual(['binary-file Binary.vue', 'file-too-large Huge.vue']);
    expect(relative((await discover(['src/**/*.vue'])).files)).toEqual(['src/pages/Register.vue']);
    expect(relative((await discover(['src/generated/Gen.vue'])).files)).toEqual(['src/generated/Gen.vue']);
  });
});

describe('positions', () => {
  it('reports at the line and column of the .vue file, after a long template and with CRLF line ends', async () => {
    for (const [templateLines, eol] of [[0, '\n'], [2_000, '\n'], [300, '\r\n']] as const) {
      const text = registrationForm(templateLines, eol);
      const result = await scanSources({ 'src/Register.vue': text }, [idRule]);
      expect(findingLines(result)).toEqual([`src/Register.vue:${templateLines + 11} test-id`]);
      const finding = result.findings[0]!;
      const sinkLine = text.split(eol)[templateLines + 10]!;
      expect(finding.range).toMatchObject({ column: sinkLine.indexOf('form.idCardNo') + 1, endColumn: sinkLine.indexOf('form.idCardNo') + 'form.idCardNo'.length + 1 });
      expect(text.slice(finding.range.offset, finding.range.offset + finding.range.length)).toBe('form.idCardNo');
      expect(finding.sinkCall).toMatchObject({ line: templateLines + 11, column: 3 });
      expect(result.notices).toEqual([]);
    }
  });
});

describe('the program', () => {
  const PHOTO_TAKER = `<template><button @click="take">take</button></template>
<script lang="ts">
export async function takePhoto(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: true });
}
export default { name: 'PhotoTaker' };
</script>
`;
  const uploader = (specifier: string) => `import { takePhoto } from '${specifier}';
export async function send(): Promise<void> {
  const photo = await takePhoto();
  await fetch('https://api.example.com/photo', { method: 'POST', body: photo }); // expect: test-camera
}
`;

  it('resolves relative imports of ./Foo.vue, and the path names the component and its lines', async () => {
    const result = await scanSources({ 'src/components/PhotoTaker.vue': PHOTO_TAKER, 'src/api/upload.ts': uploader('../components/PhotoTaker.vue') }, [cameraRule]);
    expect(findingLines(result)).toEqual(['src/api/upload.ts:4 test-camera']);
    expect(result.findings[0]!.path[0]).toMatchObject({ kind: 'source', range: { file: path.join(result.root, 'src/components/PhotoTaker.vue'), line: 4, column: 10 } });
  });

  it('resolves @/ path aliases to .vue files, and reads a component outside the scanned paths', async () => {
    const root = writeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/components/PhotoTaker.vue': PHOTO_TAKER,
      'src/api/upload.ts': uploader('@/components/PhotoTaker.vue'),
    });
    const result = await scan({ cwd: root, paths: ['src/api'], rules: [cameraRule] });
    expect(findingLines({ ...result, root })).toEqual(['src/api/upload.ts:4 test-camera']);
    expect(result.findings[0]!.path[0]!.range.file).toBe(path.join(root, 'src/components/PhotoTaker.vue'));
  });

  it('follows a component into the .ts files it imports', async () => {
    const result = await scanSources(
      {
        'src/camera.ts': 'export const open = () => navigator.mediaDevices.getUserMedia({ video: true });\n',
        'src/Lobby.vue': `<script setup lang="ts">\nimport { open } from './camera';\nconst stream = await open();\nawait fetch('https://cloud.example.com/lobby', { method: 'POST', body: stream }); // expect: test-camera\n</script>\n`,
      },
      [cameraRule],
    );
    expect(findingLines(result)).toEqual(['src/Lobby.vue:4 test-camera']);
  });

  it('keeps the analysis in the cache: a second run takes the component from it, an edit of its template moves the finding', async () => {
    const root = writeProject({ 'src/Register.vue': registrationForm(3) });
    const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-vue-cache-'));
    const run = () => scan({ cwd: root, paths: [], rules: [idRule], cache: { folder: cacheFolder, toolVersion: '0.0.0-test' } });
    const first = await run();
    expect(findingLines({ ...first, root })).toEqual(['src/Register.vue:14 test-id']);
    const second = await run();
    expect(second.stats.cache?.[0]).toMatchObject({ status: 'unchanged', filesAnalysed: 0 });
    expect(second.findings.map((finding) => finding.fingerprint)).toEqual(first.findings.map((finding) => finding.fingerprint));
    fs.writeFileSync(path.join(root, 'src/Register.vue'), registrationForm(10));
    const third = await run();
    expect(findingLines({ ...third, root })).toEqual(['src/Register.vue:21 test-id']);
    expect(third.findings[0]!.fingerprint).toBe(first.findings[0]!.fingerprint);
  });
});

describe('odd components', () => {
  const sink = "console.log('visitor', visitor.idCardNo); // expect: test-id";

  it('a component without a script, with an empty one, or in another language: nothing to report, no error', async () => {
    const result = await scanSources(
      {
        'src/Banner.vue': '<template><h1>{{ idCardNo }}</h1></template>\n<style>h1 { color: red }</style>\n',
        'src/Empty.vue': '<template><p/></template>\n<script setup lang="ts"></script>\n',
        'src/Blank.vue': '<script>\n\n</script>\n',
        'src/Coffee.vue': "<script lang=\"coffee\">\nconsole.log 'visitor', visitor.idCardNo\n</script>\n",
        'src/Nothing.vue': '',
      },
      [idRule],
    );
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.stats.filesAnalysed).toBe(5);
  });

  it('<script> and <script setup> are one module; two plain <script> blocks are read too', async () => {
    const result = await scanSources(
      {
        'src/Both.vue': `<script lang="ts">\nexport function describeVisitor(visitor: { idCardNo: string }) {\n  return visitor.idCardNo;\n}\n</script>\n<template><p/></template>\n<script setup lang="ts">\nconst line = describeVisitor({ idCardNo: '' });\nconsole.log(line); // expect: test-id\n</script>\n`,
        'src/Twice.vue': `<script>\nexport const a = 1;\n</script>\n<script>\nexport function log(visitor) {\n  ${sink}\n}\n</script>\n`,
      },
      [idRule],
    );
    expect(findingLines(result)).toEqual(['src/Both.vue:9 test-id', 'src/Twice.vue:6 test-id']);
  });

  it('a src reference is not the component\'s code: the referenced file is scanned as itself', async () => {
    const result = await scanSources(
      {
        'src/Kiosk.vue': '<template><p/></template>\n<script src="./kiosk.ts" lang="ts"></script>\n<script src="./missing.js"/>\n',
        'src/kiosk.ts': `export function log(visitor: { idCardNo: string }) {\n  ${sink}\n}\n`,
      },
      [idRule],
    );
    expect(findingLines(result)).toEqual(['src/kiosk.ts:2 test-id']);
    expect(result.notices).toEqual([]);
  });

  it('a </script> in a template string ends the block, as it does for Vue: a parse error on the component, not a crash', async () => {
    const text = "<script>\nconst html = `<script>track()</script>`;\nexport function log(visitor) {\n  console.log(visitor.idCardNo);\n}\n</script>\n";
    const result = await scanSources({ 'src/Widget.vue': text, 'src/ok.ts': `export function log(visitor: { idCardNo: string }) {\n  ${sink}\n}\n` }, [idRule]);
    // The block is `const html = \`<script>track()`: the template literal is never closed (reported where the text ends).
    expect(findingLines(result)).toEqual(['src/Widget.vue:7 parse-error', 'src/ok.ts:2 test-id']);
    expect(result.findings[0]!.message).toContain('Unterminated template literal');
  });

  it('a </script> in a string of the template is template text: the script after it is analysed', async () => {
    const text = `<template>\n  <div :title="'</script>'">{{ '</template>' }}</div>\n</template>\n<script>\nexport function log(visitor) {\n  ${sink}\n}\n</script>\n`;
    const result = await scanSources({ 'src/Widget.vue': text }, [idRule]);
    expect(findingLines(result)).toEqual(['src/Widget.vue:6 test-id']);
  });
});
