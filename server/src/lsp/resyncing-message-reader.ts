/**
 * LSP shell: the reader of JSON-RPC frames from stdin (`Content-Length: N\r\n\r\n` + N bytes of JSON).
 * Input: the bytes the client writes. Output: each parsed JSON value (any value: `null`, `42`), in order, to the
 * connection (which tells requests, notifications, responses and invalid messages apart); what cannot be read, and
 * a listener that throws, go to `onError`.
 * Invariant: a bad frame costs that frame only. vscode-jsonrpc's StreamMessageReader stops short on one: after a
 * header without a usable Content-Length it leaves the rest of the chunk unread until more bytes arrive (a client
 * waiting for an answer then waits forever), and the body after the bad header is read as the next header, which
 * swallows every later message (issue #11). Here the bad bytes are dropped and reading starts again at the next
 * `Content-Length:` header; a body that is not JSON (a Content-Length that was too short or too long) is searched
 * for the header of a frame it swallowed.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = Buffer.from('content-length:', 'ascii');
/** Headers are a line or two; more bytes than this without a blank line are not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/**
 * The largest body accepted. VS Code does not sync files over 50 MB to language servers; a larger Content-Length is
 * taken as garbage rather than buffered (the text it swallows is searched for the next header instead).
 */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

export class ResyncingMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer = Buffer.alloc(64 * 1024);
  private start = 0;
  private end = 0;
  /** The body length announced by the header just read; undefined while a header is awaited. */
  private bodyLength: number | undefined;
  private callback: DataCallback | undefined;
  /** Bytes are being dropped since the last good message: one error per run of bad bytes is enough. */
  private isDropping = false;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('end', onClose);
        this.readable.off('close', onClose);
      },
    };
  }

  private onData(chunk: Buffer): void {
    this.append(chunk);
    for (;;) {
      if (this.bodyLength === undefined && !this.readHeader()) return;
      if (this.bodyLength === undefined) continue;
      if (this.end - this.start < this.bodyLength) return;
      const bodyStart = this.start;
      const bodyEnd = this.start + this.bodyLength;
      this.bodyLength = undefined;
      let message: unknown;
      try {
        message = JSON.parse(this.buffer.toString('utf8', bodyStart, bodyEnd));
      } catch (error) {
        this.reportDrop(`Dropped a message whose body is not JSON (${(error as Error).message}); its Content-Length may be wrong.`);
        // A wrong Content-Length put (part of) the next frame into this body: read on from that frame's header.
        const swallowed = this.indexOfContentLength(bodyStart, bodyEnd);
        this.start = swallowed >= 0 ? swallowed : bodyEnd;
        continue;
      }
      this.start = bodyEnd;
      this.isDropping = false;
      this.deliver(message);
    }
  }

  /** Hands a message on; a listener that throws must not leave the messages after it unread. */
  private deliver(message: unknown): void {
    try {
      this.callback?.(message as Message);
    } catch (error) {
      this.fireError(new Error(`A message listener failed: ${(error as Error)?.stack ?? String(error)}`));
    }
  }

  /**
   * Reads the header at `start`. Returns false when more bytes are needed; true when it read one (`bodyLength` is
   * set) or dropped bytes that were not one (`bodyLength` stays undefined and the caller looks again).
   */
  private readHeader(): boolean {
    const headerEnd = this.buffer.subarray(this.start, this.end).indexOf(HEADER_END);
    if (headerEnd < 0) {
      if (this.end - this.start <= MAX_HEADER_BYTES) return false;
      this.reportDrop(`Dropped ${this.end - this.start} bytes that are not a JSON-RPC header.`);
      this.dropUntilHeader(this.start + 1);
      return true;
    }
    const header = this.buffer.toString('ascii', this.start, this.start + headerEnd);
    const length = contentLengthOf(header);
    if (length === undefined || length > this.maxMessageBytes) {
      const why = length === undefined ? 'has no valid Content-Length' : `announces ${length} bytes, more than the ${this.maxMessageBytes} accepted`;
      this.reportDrop(`Dropped a JSON-RPC header that ${why}: ${JSON.stringify(header.slice(0, 200))}`);
      // The next frame's header may be inside this block (`…garbage}Content-Length: 52`), so search it too.
      this.dropUntilHeader(this.start + 1);
      return true;
    }
    this.start += headerEnd + HEADER_END.length;
    this.bodyLength = length;
    return true;
  }

  private reportDrop(message: string): void {
    if (!this.isDropping) this.fireError(new Error(`${message} Reading on from the next Content-Length header.`));
    this.isDropping = true;
  }

  /**
   * Drops the bytes from `start` to the next `Content-Length:` at or after `from` (> `start`, so reading never
   * stalls on the same bad bytes); without one, all of them but a tail that may be its first few bytes.
   */
  private dropUntilHeader(from: number): void {
    const next = this.indexOfContentLength(from, this.end);
    this.start = next >= 0 ? next : this.end - this.partialContentLengthAtEnd(from);
  }

  /** Offset of the next `Content-Length:` (any case) in [from, to), or -1. */
  private indexOfContentLength(from: number, to: number): number {
    for (let index = from; index + CONTENT_LENGTH.length <= to; index++) {
      if (this.matchesContentLength(index, CONTENT_LENGTH.length)) return index;
    }
    return -1;
  }

  /** The length of the longest tail of [from, end) that is how `Content-Length:` begins. */
  private partialContentLengthAtEnd(from: number): number {
    for (let length = Math.min(CONTENT_LENGTH.length - 1, this.end - from); length > 0; length--) {
      if (this.matchesContentLength(this.end - length, length)) return length;
    }
    return 0;
  }

  private matchesContentLength(at: number, length: number): boolean {
    for (let offset = 0; offset < length; offset++) {
      // ASCII letters only: OR-ing 0x20 lower-cases them and leaves ':' and '-' as they are.
      if ((this.buffer[at + offset]! | 0x20) !== CONTENT_LENGTH[offset]) return false;
    }
    return true;
  }

  /** Appends a chunk, compacting or growing the buffer (doubling, so that a large body costs linear time). */
  private append(chunk: Buffer): void {
    if (this.start === this.end) {
      this.start = this.end = 0;
      // After a large message, give the memory back rather than keep the largest buffer ever needed.
      if (this.buffer.length > 1024 * 1024) this.buffer = Buffer.alloc(64 * 1024);
    }
    if (this.end + chunk.length > this.buffer.length) {
      const pending = this.end - this.start;
      const needed = pending + chunk.length;
      if (needed <= this.buffer.length / 2) {
        this.buffer.copy(this.buffer, 0, this.start, this.end);
      } else {
        let size = this.buffer.length;
        while (size < needed) size *= 2;
        const grown = Buffer.alloc(size);
        this.buffer.copy(grown, 0, this.start, this.end);
        this.buffer = grown;
      }
      this.start = 0;
      this.end = pending;
    }
    chunk.copy(this.buffer, this.end);
    this.end += chunk.length;
  }
}

/** The Content-Length of a header block (`Name: value` lines), or undefined when it has none or a bad one. */
export function contentLengthOf(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}
