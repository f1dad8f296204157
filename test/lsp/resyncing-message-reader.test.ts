/**
 * The stdio frame reader (server/src/lsp/resyncing-message-reader.ts) on its own, so that every way a pipe can split
 * the bytes is covered: each stream is fed whole, byte by byte, and in seeded random chunks, and must deliver the
 * same messages. A bad frame costs that frame only; the frames around it are delivered.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { contentLengthOf, ResyncingMessageReader } from '../../server/src/lsp/resyncing-message-reader';

const open = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///crm/lead.ts', languageId: 'typescript', version: 1, text: 'export const lead = { plate: "沪A·12345" };\n' } } };
const pull = { jsonrpc: '2.0', id: 7, method: 'textDocument/diagnostic', params: { textDocument: { uri: 'file:///crm/lead.ts' } } };
const rules = { jsonrpc: '2.0', id: 8, method: 'piilint/rules' };

function frame(message: unknown, length?: number): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${length ?? body.length}\r\n\r\n`, 'ascii'), body]);
}

type Split = 'whole' | 'bytes' | 'random';

/**
 * Feeds `bytes` in the given split and returns the messages delivered and the errors reported. `listener` stands in
 * for the connection; it may throw.
 */
function read(bytes: Buffer, split: Split, maxMessageBytes?: number, listener?: (message: unknown) => void): { messages: unknown[]; errors: string[] } {
  const stream = new PassThrough();
  const reader = new ResyncingMessageReader(stream, maxMessageBytes);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((error) => errors.push(error.message));
  reader.listen((message) => {
    listener?.(message);
    messages.push(message);
  });
  let seed = 20_261_122;
  const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  for (let at = 0; at < bytes.length; ) {
    const size = split === 'whole' ? bytes.length : split === 'bytes' ? 1 : 1 + Math.floor(random() * 64);
    // PassThrough delivers synchronously to a 'data' listener, so the chunks arrive exactly as written.
    stream.write(bytes.subarray(at, at + size));
    at += size;
  }
  return { messages, errors };
}

const SPLITS: readonly Split[] = ['whole', 'bytes', 'random'];

describe.each(SPLITS)('split: %s', (split) => {
  test('well-formed frames are delivered in order', () => {
    expect(read(Buffer.concat([frame(open), frame(pull), frame(rules)]), split)).toEqual({ messages: [open, pull, rules], errors: [] });
  });

  test('a header without a usable Content-Length is dropped with the bytes up to the next header', () => {
    const bytes = Buffer.concat([
      Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n'),
      frame(open),
      Buffer.from(`Content-Length: twelve\r\n\r\n${JSON.stringify(rules)}`),
      frame(pull),
      Buffer.from('Content-Length 12\r\n\r\n\r\n\r\n'),
      frame(rules),
    ]);
    const { messages, errors } = read(bytes, split);
    expect(messages).toEqual([open, pull, rules]);
    // One error per run of bad bytes.
    expect(errors).toHaveLength(3);
    expect(errors.every((error) => error.startsWith('Dropped a JSON-RPC header that has no valid Content-Length'))).toBe(true);
  });

  test('a Content-Length that is too short or too long loses that frame only', () => {
    const rulesBody = JSON.stringify(rules).length;
    const short = read(Buffer.concat([frame(rules, rulesBody - 9), frame(open), frame(pull)]), split);
    expect(short.messages).toEqual([open, pull]);
    // Too long: the body runs into the next frame, which is read again from its header.
    const long = read(Buffer.concat([frame(rules, rulesBody + 30), frame(open), frame(pull)]), split);
    expect(long.messages).toEqual([open, pull]);
    expect(long.errors).toEqual([expect.stringContaining('Dropped a message whose body is not JSON')]);
  });

  test('a Content-Length over the limit is not buffered; the frames after it are read', () => {
    const { messages, errors } = read(Buffer.concat([frame(open, 2 ** 40), frame(pull)]), split, 1024 * 1024);
    expect(messages).toEqual([pull]);
    expect(errors[0]).toContain('announces 1099511627776 bytes, more than the 1048576 accepted');
  });

  test('any JSON value is delivered, and a listener that throws does not stop the messages after it', () => {
    const bytes = Buffer.concat([frame(null), frame(42), frame([1, 2, 3]), frame(open), frame(pull)]);
    expect(read(bytes, split).messages).toEqual([null, 42, [1, 2, 3], open, pull]);
    const { messages, errors } = read(bytes, split, undefined, (message) => (message as { method?: string }).method);
    expect(messages).toEqual([42, [1, 2, 3], open, pull]);
    expect(errors).toEqual([expect.stringContaining('A message listener failed: TypeError')]);
  });

  test('20 KB of noise before a frame is dropped, with one error', () => {
    const noise = Buffer.alloc(20_000, 'dealer CRM export; ');
    const { messages, errors } = read(Buffer.concat([noise, frame(open)]), split);
    expect(messages).toEqual([open]);
    // Whole, the noise and the header look like one bad header; in pieces, 8 KiB without a header end is dropped.
    expect(errors).toEqual([expect.stringMatching(/^Dropped (a JSON-RPC header that has no valid Content-Length|\d+ bytes that are not a JSON-RPC header)/)]);
  });
});

test('a 3 MB document arrives whole however it is split', () => {
  const text = 'export const vin = "LSVAU2180N2183294";\n'.repeat(80_000);
  const big = { ...open, params: { textDocument: { ...open.params.textDocument, text } } };
  for (const split of ['whole', 'random'] as const) {
    const { messages } = read(Buffer.concat([frame(big), frame(pull)]), split);
    expect(messages.length).toBe(2);
    expect((messages[0] as typeof big).params.textDocument.text.length).toBe(text.length);
  }
});

test('contentLengthOf reads the header case-insensitively and refuses anything but digits', () => {
  expect(contentLengthOf('Content-Length: 52')).toBe(52);
  expect(contentLengthOf('content-length:52\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8')).toBe(52);
  expect(contentLengthOf('Content-Length: -1')).toBeUndefined();
  expect(contentLengthOf('Content-Length: 5e3')).toBeUndefined();
  expect(contentLengthOf('Content-Length 52')).toBeUndefined();
  expect(contentLengthOf('Content-Type: application/json')).toBeUndefined();
});
