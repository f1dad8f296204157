/**
 * The files stage's reading of Vue single-file components (issue #16, item 7): the block scanner
 * (files/vue-sfc-blocks.ts) and the virtual script source TypeScript parses (files/script-source.ts).
 *
 * The scanner is checked against Vue's own SFC parser (`@vue/compiler-sfc`, a dev dependency only): on hand-written
 * components with the constructs that trip a regular expression (nested templates, `</script>` and `</template>`
 * in strings, comments, interpolations and attribute values, self-closing tags), and on generated ones. Hostile
 * input must not make it slower than linear.
 */
import { parse as parseSfc } from '@vue/compiler-sfc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptSourceOf } from '../../server/src/engine/files/script-source';
import { scanSfcBlocks } from '../../server/src/engine/files/vue-sfc-blocks';

/** `[start, end, content]` of each `<script>` block, by Vue's parser. */
function vueScripts(text: string): [number, number, string][] {
  const { descriptor } = parseSfc(text, { ignoreEmpty: false, sourceMap: false });
  return [descriptor.script, descriptor.scriptSetup]
    .filter((block) => block !== null)
    .sort((a, b) => a.loc.start.offset - b.loc.start.offset)
    .map((block) => [block.loc.start.offset, block.loc.end.offset, block.content]);
}

/** The same, by piilint's scanner. */
function ourScripts(text: string): [number, number, string][] {
  return scanSfcBlocks(text)
    .filter((block) => block.tag === 'script')
    .map((block) => [block.contentStart, block.contentEnd, text.slice(block.contentStart, block.contentEnd)]);
}

/** Components on which a scanner built from regular expressions goes wrong, each with the script code Vue sees. */
const TRICKY: readonly { name: string; text: string; scripts: string[] }[] = [
  {
    name: 'nested <template>s and a </template> inside an interpolation',
    text: `<template>\n  <div>{{ '</template>' }}</div>\n  <template v-if="ok"><p>hi</p></template>\n</template>\n<script setup lang="ts">\nconst a = 1;\n</script>\n`,
    scripts: ['\nconst a = 1;\n'],
  },
  {
    name: 'a <script> block inside an HTML comment at the top level',
    text: `<!-- <script>oldUpload(photo)</script> -->\n<script>\nexport default {};\n</script>\n`,
    scripts: ['\nexport default {};\n'],
  },
  {
    name: 'a </template> and a > inside a quoted attribute value',
    text: `<template><div title="a > b </template>">x</div></template><script>ok()</script>`,
    scripts: ['ok()'],
  },
  {
    name: 'a <script> element inside the template is template content',
    text: `<template><script>var t = '</template>'</script></template><script>ok()</script>`,
    scripts: ['ok()'],
  },
  {
    name: 'a pug template is raw text up to its </template>',
    text: `<template lang="pug">div(title="<script>") hi</template><script>ok()</script>`,
    scripts: ['ok()'],
  },
  {
    name: 'a <textarea> in the template holds text, not tags',
    text: `<template><textarea><template></textarea></template><script>ok()</script>`,
    scripts: ['ok()'],
  },
  {
    name: 'self-closing tags in the template and an unquoted attribute',
    text: `<template><img src=a.png /><br/><template v-slot:x /></template><script lang=ts>ok()</script>`,
    scripts: ['ok()'],
  },
  {
    name: 'the end tag may carry spaces, and a longer tag name is not an end tag',
    text: `<script>const el = '</scripts>'; ok()</script ><style>a{}</style >`,
    scripts: [`const el = '</scripts>'; ok()`],
  },
  {
    name: 'a </script> inside a string ends the block, as it does for Vue',
    text: `<script>\nconst html = "</script>";\nupload(html)\n</script>\n`,
    scripts: ['\nconst html = "'],
  },
  {
    name: '<script> and <script setup>, with a custom block and a style between them',
    text: `<script lang="ts">\nexport default { name: 'Kiosk' };\n</script>\n<i18n>{ "en": { "a": "</script>" } }</i18n>\n<style>.a{}</style>\n<script setup lang="ts">\nrun();\n</script>\n`,
    scripts: [`\nexport default { name: 'Kiosk' };\n`, '\nrun();\n'],
  },
];

describe('scanSfcBlocks: the blocks Vue finds', () => {
  for (const { name, text, scripts } of TRICKY) {
    it(name, () => {
      expect(ourScripts(text).map(([, , content]) => content)).toEqual(scripts);
      expect(ourScripts(text)).toEqual(vueScripts(text));
    });
  }

  it('reads the attributes of each block: lang, setup and src', () => {
    const text = `<script src="./kiosk.ts" lang='ts'></script>\n<script setup lang="ts" generic="T">x()</script>`;
    const blocks = scanSfcBlocks(text).map((block) => ({ tag: block.tag, attributes: Object.fromEntries(block.attributes) }));
    expect(blocks).toEqual([
      { tag: 'script', attributes: { src: './kiosk.ts', lang: 'ts' } },
      { tag: 'script', attributes: { setup: true, lang: 'ts', generic: 'T' } },
    ]);
  });

  it('gives a self-closing block no content', () => {
    const text = `<script src="./kiosk.ts" />\n<script setup>x()</script>`;
    expect(ourScripts(text)).toEqual([
      [27, 27, ''],
      [42, 45, 'x()'],
    ]);
  });

  it('runs a block that is never closed to the end of the text, and stops at input cut short', () => {
    expect(ourScripts('<template><div></div></template>\n<script>\nupload(photo)\n')).toEqual([[41, 56, '\nupload(photo)\n']]);
    expect(ourScripts('<!-- <script>a()</script>')).toEqual([]);
    expect(ourScripts('<template><div title="never closed></template><script>a()</script>')).toEqual([]);
    expect(ourScripts('<script lang="ts')).toEqual([]);
    expect(ourScripts('')).toEqual([]);
  });

  it('agrees with Vue on generated components', () => {
    fc.assert(
      fc.property(componentArbitrary, (text) => {
        expect(ourScripts(text)).toEqual(vueScripts(text));
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('stays linear on input built to make a naive scanner quadratic', () => {
    const size = 200_000;
    const hostile = [
      '<template>' + '<div>'.repeat(size) + '{{',
      '<template>' + '{{ a }}<b>'.repeat(size),
      '<template>' + '<a x="1" '.repeat(size),
      '<script>' + '</scrip'.repeat(size),
      '<template>' + '<template>'.repeat(size),
      '{{'.repeat(size) + '<script>a()</script>',
      '<!--'.repeat(size),
      '<x '.repeat(size),
    ];
    for (const text of hostile) {
      const started = performance.now();
      expect(() => scanSfcBlocks(text)).not.toThrow();
      // A quadratic scan of these takes minutes; a linear one a few milliseconds.
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

describe('scriptSourceOf: the virtual source of a component', () => {
  const KIOSK = [
    '<template>',
    '  <video ref="video" autoplay></video>',
    '  <button @click="checkIn">签到</button>',
    '</template>',
    '',
    '<script setup lang="ts">',
    "import { ref } from 'vue';",
    'const photo = ref(""); // 😀',
    '</script>',
    '<style scoped>\r\n.a { color: red }\r\n</style>',
    '',
  ].join('\n');

  it('keeps the length and every line break, and blanks everything outside the script blocks', () => {
    const source = scriptSourceOf('/app/src/Kiosk.vue', KIOSK);
    expect(source.text).toHaveLength(KIOSK.length);
    for (let index = 0; index < KIOSK.length; index++) {
      const char = KIOSK[index]!;
      if ('\r\n'.includes(char)) expect(source.text[index]).toBe(char);
    }
    expect(source.text.split('\n').map((line) => line.trimEnd())).toEqual([
      '',
      '',
      '',
      '',
      '',
      '',
      "import { ref } from 'vue';",
      'const photo = ref(""); // 😀',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(source.language).toBe('ts');
    const start = KIOSK.indexOf('import');
    expect(source.regions).toEqual([{ start: start - 1, end: KIOSK.indexOf('</script>') }]);
  });

  it('takes the language from lang: ts, tsx, js, jsx, or JavaScript without it', () => {
    const languageOf = (open: string) => scriptSourceOf('/a/C.vue', `${open}x()</script>`).language;
    expect(languageOf('<script lang="ts">')).toBe('ts');
    expect(languageOf('<script lang="tsx">')).toBe('tsx');
    expect(languageOf('<script lang="js">')).toBe('js');
    expect(languageOf('<script lang="jsx">')).toBe('jsx');
    expect(languageOf('<script>')).toBe('js');
    expect(languageOf('<script setup lang="TS">')).toBe('ts');
  });

  it('joins <script> and <script setup> into one module, in file order', () => {
    const text = `<script lang="ts">\nexport const a = 1;\n</script>\n<template><p/></template>\n<script setup lang="ts">\nconst b = a;\n</script>\n`;
    const source = scriptSourceOf('/a/C.vue', text);
    expect(source.text.split('\n').map((line) => line.trim()).filter((line) => line !== '')).toEqual(['export const a = 1;', 'const b = a;']);
    expect(source.regions).toHaveLength(2);
  });

  it('leaves out src references, blocks in other languages, and empty blocks', () => {
    const text = `<script src="./legacy.js"></script>\n<script lang="coffee">upload photo</script>\n<script setup></script>\n<template><p/></template>`;
    const source = scriptSourceOf('/a/C.vue', text);
    expect(source.text.trim()).toBe('');
    expect(source.regions).toEqual([]);
  });

  it('leaves a plain script as it is, in the language of its extension', () => {
    expect(scriptSourceOf('/a/upload.ts', 'const a = 1;')).toEqual({ text: 'const a = 1;', language: 'ts' });
    expect(scriptSourceOf('/a/page.js', '<script>')).toEqual({ text: '<script>', language: 'js' });
    expect(scriptSourceOf('/a/App.tsx', '').language).toBe('tsx');
    expect(scriptSourceOf('/a/cli.cjs', '').language).toBe('js');
  });
});

// Generated components: blocks from fragments that stress the scanner, in any order.
const templateFragments = [
  '<div class="a">text</div>',
  '<template v-if="x"><span>{{ msg }}</span></template>',
  "{{ '</template>' }}",
  '{{ a < b ? "<script>" : "" }}',
  '<!-- <script>no()</script> </template> -->',
  '<input value="a > b" />',
  "<p title='</template>'>x</p>",
  '<template #slot="{ item }"><li>{{ item }}</li></template>',
  '<br/>',
  '<img src=x.png>',
  '\n  ',
  '<textarea>{{ t }}</textarea>',
  '<my-camera @snap="upload($event)"></my-camera>',
];
const scriptFragments = [
  '\nconst photo = canvas.toDataURL();\n',
  "const t = '</template>';\n",
  '// </scrip t>\n',
  '/* <template> */\n',
  'const s = `<script>`;\n',
  'if (a < b && c > d) run();\n',
  "const x = '</scripts>';\n",
  '',
];
const rootFragments = ['\n', '\n\n', '<!-- a comment with <template> -->\n', '<style scoped>\n.a > .b { color: red }\n</style>\n', '<i18n lang="json">{ "a": "<template>" }</i18n>\n'];

const templateBlock = fc
  .array(fc.constantFrom(...templateFragments), { maxLength: 6 })
  .map((parts) => `<template>${parts.join('')}</template>\n`);
const scriptBlock = (setup: boolean) =>
  fc
    .tuple(fc.constantFrom('', ' lang="ts"', ' lang="js"', " lang='tsx'", ' lang=ts'), fc.array(fc.constantFrom(...scriptFragments), { maxLength: 5 }))
    .map(([lang, parts]) => `<script${setup ? ' setup' : ''}${lang}>${parts.join('')}</script>\n`);

const componentArbitrary = fc
  .tuple(
    fc.option(templateBlock, { nil: '' }),
    fc.option(scriptBlock(false), { nil: '' }),
    fc.option(scriptBlock(true), { nil: '' }),
    fc.array(fc.constantFrom(...rootFragments), { maxLength: 3 }),
  )
  .chain(([template, script, setup, extras]) => fc.shuffledSubarray([template, script, setup, ...extras], { minLength: 0 }).map((parts) => parts.join('')));
