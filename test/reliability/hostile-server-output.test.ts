/**
 * Issue #21, attack 9: a client that stops reading the server's stdout. Before, every message the server sent was
 * kept in the stream's buffer until the client read it (137 MiB to 1.5 GiB in 60 s). The server's writer
 * (server/src/lsp/bounded-message-writer.ts) is driven here over a stream that never drains, as a client that
 * stopped reading leaves it, and the bytes it holds are counted, next to vscode-jsonrpc's own writer over the same
 * kind of stream as the positive control. The end-to-end case (a real server whose client pauses) is in
 * hostile-server.test.ts.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type Message, StreamMessageWriter } from 'vscode-languageserver/node';
import { BoundedMessageWriter, MAX_QUEUED_BYTES } from '../../server/src/lsp/bounded-message-writer';

/** A stream whose reader is gone: it takes one chunk, then only buffers (write returns false), and never drains. */
class StalledStream extends EventEmitter {
  readonly chunks: Buffer[] = [];
  bufferedBytes = 0;
  write(chunk: Buffer | string, encodingOrCallback?: unknown, callback?: unknown): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.chunks.push(Buffer.from(chunk));
    this.bufferedBytes += bytes;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') setImmediate(() => (done as () => void)());
    return false;
  }
  drain(): void {
    this.emit('drain');
  }
  end(): void {}
}

function diagnostics(uri: string, version: number, count: number): Message {
  const items = Array.from({ length: count }, (_, index) => ({
    range: { start: { line: index, character: 2 }, end: { line: index, character: 40 } },
    message: 'An ID number (ID-document number, name `idCardNo`) reaches console unmasked.',
    source: 'piilint',
    code: 'no-id-number-logging',
  }));
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: items } } as Message;
}

const log = (index: number): Message => ({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 4, message: `piilint: analysed in ${index} ms ${'.'.repeat(2000)}` } }) as Message;
const response = (id: number): Message => ({ jsonrpc: '2.0', id, result: { id } }) as Message;

/** 500 pushes of 600 diagnostics each for two documents, 5,000 log lines and 100 responses. */
async function flood(writer: { write(message: Message): Promise<void> }): Promise<void> {
  const writes: Promise<void>[] = [];
  for (let round = 0; round < 500; round++) {
    writes.push(writer.write(diagnostics('file:///ws/src/a.ts', round, 600)));
    writes.push(writer.write(diagnostics('file:///ws/src/b.ts', round, 60)));
    for (let index = 0; index < 10; index++) writes.push(writer.write(log(round * 10 + index)));
    if (round % 5 === 0) writes.push(writer.write(response(round / 5)));
  }
  await Promise.all(writes);
}

function framesIn(bytes: Buffer): Message[] {
  const out: Message[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', offset);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(offset, headerEnd).toString('ascii'))![1]);
    out.push(JSON.parse(bytes.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message);
    offset = headerEnd + 4 + length;
  }
  return out;
}

describe('a client that stops reading stdout', () => {
  it("vscode-jsonrpc's writer keeps every message (positive control)", async () => {
    const stream = new StalledStream();
    await flood(new StreamMessageWriter(stream as unknown as NodeJS.WritableStream));
    expect(stream.bufferedBytes).toBeGreaterThan(64 * 1024 * 1024);
  });

  it('the server writer holds a bounded queue: diagnostics replaced per document, logs dropped, responses kept', async () => {
    const stream = new StalledStream();
    const writer = new BoundedMessageWriter(stream);
    await flood(writer);
    const held = stream.bufferedBytes + writer.pendingBytes;
    console.info(`[hostile-server-output] stalled client: ${(held / 1048576).toFixed(1)} MiB held, ${writer.dropped} messages replaced or dropped`);
    // One frame went to the stream; the queue holds one push per document, the responses, and logs up to the cap.
    expect(held).toBeLessThan(MAX_QUEUED_BYTES + 2 * 1024 * 1024);

    // Once the client reads again, it gets the latest diagnostics of each document and every response, in order.
    stream.drain();
    for (let guard = 0; guard < 10_000 && writer.pendingBytes > 0; guard++) stream.drain();
    const messages = framesIn(Buffer.concat(stream.chunks));
    const pushes = messages.filter((message) => (message as { method?: string }).method === 'textDocument/publishDiagnostics') as unknown as { params: { uri: string; version: number } }[];
    const last = (uri: string) => pushes.filter((push) => push.params.uri === uri).at(-1)?.params.version;
    expect(last('file:///ws/src/a.ts')).toBe(499);
    expect(last('file:///ws/src/b.ts')).toBe(499);
    const ids = messages.filter((message) => 'id' in message).map((message) => (message as { id: number }).id);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, index) => index));
  });
});
