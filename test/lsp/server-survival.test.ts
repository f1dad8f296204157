/**
 * The language server survives what a buggy or vanishing client sends it (issue #11): broken JSON-RPC framing,
 * messages that are not JSON-RPC, unknown methods, wrong parameter shapes, documents that are not there, positions
 * past the end of a document, a flood of edits, cancelled requests, and a client that goes away. After each case
 * the server must still be running and must still answer correctly: the dealer CRM's ID-number finding is reported
 * where it is, for the text the server was last sent.
 */
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient, lineOf } from './lsp-client';
import { copyFixture, type FixtureFolder } from './workspace-fixture';

const ID_RULE = 'no-id-number-logging';

let fixture: FixtureFolder;
let client: LspTestClient;

beforeEach(async () => {
  fixture = copyFixture();
  ({ client } = await LspTestClient.start({ workspaceFolders: [fixture.root], pull: true }));
});

afterEach(async () => {
  if (client.process.exitCode === null && client.process.signalCode === null) await client.stop();
  fixture.remove();
});

/** One JSON-RPC frame with the right Content-Length for its body. */
function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** `[rule, line]` of each diagnostic, to compare with what the text says. */
function codesAndLines(diagnostics: readonly Diagnostic[]): [string, number][] {
  return diagnostics.map((diagnostic) => [String(diagnostic.code), diagnostic.range.start.line]);
}

/** The server is running and reports booking.ts's known finding for the text it has (open or on disk). */
async function expectHealthy(): Promise<void> {
  expect(client.process.exitCode, client.stderr).toBeNull();
  const booking = fixture.file('src/booking.ts');
  const report = (await client.pull(booking)) as FullDocumentDiagnosticReport;
  expect(report.kind).toBe('full');
  expect(codesAndLines(report.items)).toEqual([[ID_RULE, lineOf(client.text(booking), 'logger.log(`Test drive') - 1]]);
}

describe('malformed JSON-RPC', () => {
  test('headers without a usable Content-Length are dropped, and the messages after them are read', async () => {
    await client.writeRaw('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n');
    await client.writeRaw('Content-Length: twelve\r\n\r\n');
    await client.writeRaw('Content-Length 12\r\n\r\n');
    await client.writeRaw(`Content-Length: ${2 ** 40}\r\n\r\n`);
    await client.writeRaw('\r\n\r\n');
    await expectHealthy();
    // Logged, once per run of bad bytes (how many runs depends on how the pipe splits the writes).
    expect(client.logs.some((line) => line.includes('Dropped a JSON-RPC header'))).toBe(true);
  });

  test('a body after a bad header does not swallow the messages after it', async () => {
    await client.writeRaw(`Content-Length: twelve\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', method: 'dealer/ping', params: {} })}`);
    await client.writeRaw('garbage before the next header\r\n');
    await expectHealthy();
  });

  test('a Content-Length that is too short or too long costs that message only', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'dealer/ping', params: { showroom: 'Pudong' } });
    await client.writeRaw(`Content-Length: ${body.length - 10}\r\n\r\n${body}`);
    await expectHealthy();
    // Too long: the next frame (the health check's request) completes the body, and is read again from its header.
    await client.writeRaw(`Content-Length: ${body.length + 40}\r\n\r\n${body}`);
    await expectHealthy();
    expect(client.logs.filter((line) => line.includes('body is not JSON'))).toHaveLength(2);
  });

  test('a body that is not JSON is dropped', async () => {
    await client.writeRaw(frame('{"jsonrpc":"2.0","id":41,"method":"textDocument/codeAction","params":{'));
    await client.writeRaw(frame('not json at all: 沪A·12345'));
    await expectHealthy();
  });

  test('JSON that is not a JSON-RPC message is ignored', async () => {
    for (const body of ['[1,2,3]', '{"dealer":"Pudong Motors"}', '"text"', 'null', '42', '{"jsonrpc":"2.0","id":{"nested":true},"method":"initialize"}', '{"jsonrpc":"2.0","id":9999,"result":null}']) {
      await client.writeRaw(frame(body));
    }
    await expectHealthy();
  });

  test('requests with the wrong parameter shapes get an error response; such notifications are ignored', async () => {
    const booking = fixture.file('src/booking.ts');
    const codes: number[] = [];
    const request = async (method: string, params: unknown): Promise<void> => {
      try {
        await client.connection.sendRequest(method, params);
        codes.push(0);
      } catch (error) {
        codes.push((error as { code: number }).code);
      }
    };
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 5 } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri(booking), text: null, version: 'one' } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(booking) }, contentChanges: 'x' });
    await client.connection.sendNotification('textDocument/didClose', {});
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 17, type: 'deleted' }] });
    await client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await request('textDocument/codeAction', { textDocument: 42 });
    await request('textDocument/codeAction', { textDocument: { uri: client.uri(booking) }, range: null, context: { diagnostics: 'none' } });
    await request('textDocument/diagnostic', {});
    await request('textDocument/diagnostic', { textDocument: { uri: 'file:///%E0%A4%A' } });
    await request('workspace/diagnostic', { previousResultIds: 'all' });
    expect(codes.every((code) => code === 0 || code === -32602 || code === -32603), String(codes)).toBe(true);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(booking) } });
    await expectHealthy();

    // The document the bad didOpen named can be opened and edited properly afterwards.
    await client.open(booking);
    await client.change(booking, `// Pudong showroom\n${client.text(booking)}`);
    await expectHealthy();
  });
});

describe('unknown methods', () => {
  test('an unknown request gets MethodNotFound; an unknown notification is ignored', async () => {
    await expect(client.connection.sendRequest('dealer/exportLeads', { since: '2026-01-01' })).rejects.toMatchObject({ code: -32601 });
    await expect(client.connection.sendRequest('$/dealer/exportLeads')).rejects.toMatchObject({ code: -32601 });
    await client.connection.sendNotification('dealer/leadAssigned', { leadId: 'L-1042' });
    await client.connection.sendNotification('$/dealer/leadAssigned', { leadId: 'L-1042' });
    await expectHealthy();
    expect(client.messages.filter((message) => message.type === 1)).toEqual([]);
  });
});
