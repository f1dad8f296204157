/**
 * Vue single-file components in the language server (issue #16, item 7): the server watches `.vue` files, gives an
 * open component diagnostics at its own lines as it is edited (also when the edit is in the template above the
 * script), offers fixes whose edits stay in the script block, and analyses a component created on disk.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, lineOf } from './lsp-client';
import { copyFixture, type FixtureFolder } from './workspace-fixture';

const ID_RULE = 'no-id-number-logging';

const REGISTER = `<template>
  <form @submit.prevent="save">
    <input v-model="plateNo" />
  </form>
</template>

<script setup lang="ts">
const props = defineProps<{ idCardNo: string }>();
function save(): void {
  console.log('saving', props.idCardNo);
}
</script>

<style scoped>
form { display: grid; }
</style>
`;

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

const idFindings = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.code === ID_RULE);

describe('Vue components', () => {
  test('are watched, and an open one gets diagnostics at its own lines, also after an edit of its template', async () => {
    await client.waitFor(() => client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles'));
    const watchers = client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    expect(JSON.stringify(watchers?.registerOptions)).toMatch(/\*\*\/\*\.\{[^}]*\bvue\b/);

    const file = fixture.write('src/RegisterCustomer.vue', REGISTER);
    await client.open(file);
    const opened = await client.waitForPushed(file, (diagnostics) => idFindings(diagnostics).length === 1);
    const line = lineOf(REGISTER, "console.log('saving'") - 1;
    expect(idFindings(opened.diagnostics)[0]!.range).toEqual({
      start: { line, character: "  console.log('saving', ".length },
      end: { line, character: "  console.log('saving', props.idCardNo".length },
    });

    // Three lines typed into the template: the finding moves down with the script.
    const edited = REGISTER.replace('  </form>', '    <input v-model="phone" />\n    <input v-model="email" />\n    <button>save</button>\n  </form>');
    await client.change(file, edited);
    const moved = await client.waitForPushed(file, (diagnostics) => idFindings(diagnostics)[0]?.range.start.line === line + 3);
    expect(moved.version).toBe(2);
  });

  test('quick fixes edit the script block only, and applying one clears the finding', async () => {
    const file = fixture.write('src/RegisterCustomer.vue', REGISTER);
    await client.open(file);
    const [diagnostic] = idFindings((await client.waitForPushed(file, (diagnostics) => idFindings(diagnostics).length === 1)).diagnostics);
    const actions = await client.codeActions(file, diagnostic!.range, [diagnostic!]);
    expect(actions.map((action) => action.title)).toEqual([
      'Mask the ID number, keeping only the last four characters',
      `Suppress ${ID_RULE} on this line and state the reason`,
      `Suppress ${ID_RULE} in this file and state the reason`,
      'Fix all piilint problems in this file',
      'Fix all safe piilint problems in this file',
    ]);
    // The file-wide suppression goes into the script block, where comments count, not above the template.
    const fileEdit = actions[2]!.edit!;
    const [disableFile] = fileEdit.documentChanges ? (fileEdit.documentChanges[0] as { edits: { range: { start: { line: number } } }[] }).edits : (Object.values(fileEdit.changes ?? {})[0] ?? []);
    expect(disableFile!.range.start.line).toBeGreaterThan(lineOf(REGISTER, '<script') - 1);
    expect(await client.applyEdit(actions[1]!.edit!)).toBe(true);
    expect(client.text(file)).toBe(REGISTER.replace("  console.log('saving'", `  // piilint-disable-next-line ${ID_RULE} -- <reason>\n  console.log('saving'`));
    // The placeholder is no reason (issue #18): the finding goes once the user writes one.
    await client.change(file, client.text(file).replace('<reason>', 'the dealer system of record masks it before display'));
    await client.waitForPushed(file, (diagnostics) => idFindings(diagnostics).length === 0);
  });

  test('a component created on disk is analysed when the watcher reports it', async () => {
    await client.open(fixture.file('src/booking.ts'));
    await client.waitForPushed(fixture.file('src/booking.ts'), (diagnostics) => idFindings(diagnostics).length > 0);
    const file = fixture.write('src/views/CustomerCard.vue', REGISTER);
    await client.filesChanged([{ file, type: 1 }]);
    const pushed = await client.waitForPushed(file, (diagnostics) => idFindings(diagnostics).length === 1);
    expect(idFindings(pushed.diagnostics)[0]!.range.start.line).toBe(lineOf(REGISTER, "console.log('saving'") - 1);
  });
});
