/**
 * LSP shell: the writer of stdout, bounded (issue #21). A client that stops reading made the server buffer every
 * message it sent, 137 MiB to 1.5 GiB in 60 s. While the stream asks to wait (`write` returned false), messages
 * queue here instead, and the queue is kept small:
 * - diagnostics for a document replace the queued diagnostics for the same document, and a status notification
 *   the queued one: only the newest can matter to the client;
 * - log messages, progress and telemetry are dropped once the queue holds `maxQueuedBytes`;
 * - responses and the server's own requests are always kept (each answers or asks one thing, and the client's
 *   own requests bound their number).
 * Input: JSON-RPC messages. Output: `Content-Length` frames on the stream, in order (a replaced message takes
 * the place of the one it replaces).
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Past this, droppable messages are dropped while the client is not reading. */
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

const DROPPABLE = new Set(['window/logMessage', '$/logTrace', '$/progress', 'telemetry/event', 'window/showMessage']);

interface Queued {
  readonly key?: string;
  readonly frame: Buffer;
}

export interface FrameStream {
  write(chunk: Buffer): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error' | 'close', listener: (error?: Error) => void): unknown;
  end(): void;
}

export class BoundedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private isWaiting = false;
  private isClosed = false;
  /** Messages dropped or replaced since the start, for tests and the log. */
  dropped = 0;

  constructor(
    private readonly stream: FrameStream,
    private readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    super();
    stream.on('error', (error) => this.fireError(error ?? new Error('the output stream failed')));
    stream.on('close', () => {
      this.isClosed = true;
      this.queue = [];
      this.queuedBytes = 0;
      this.fireClose();
    });
  }

  write(message: Message): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    if (!this.isWaiting) {
      this.send(frame);
      return Promise.resolve();
    }
    this.enqueue({ key: replaceKey(message), frame }, message);
    return Promise.resolve();
  }

  end(): void {
    this.stream.end();
  }

  /** Bytes waiting for the client to read. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  private enqueue(item: Queued, message: Message): void {
    if (item.key !== undefined) {
      const index = this.queue.findIndex((queued) => queued.key === item.key);
      if (index >= 0) {
        this.queuedBytes -= this.queue[index]!.frame.length;
        this.queue[index] = item;
        this.queuedBytes += item.frame.length;
        this.dropped++;
        return;
      }
    }
    const method = (message as { method?: unknown }).method;
    if (typeof method === 'string' && DROPPABLE.has(method) && this.queuedBytes + item.frame.length > this.maxQueuedBytes) {
      this.dropped++;
      return;
    }
    this.queue.push(item);
    this.queuedBytes += item.frame.length;
  }

  private send(frame: Buffer): void {
    try {
      if (this.stream.write(frame)) return;
    } catch (error) {
      this.fireError(error);
      return;
    }
    this.isWaiting = true;
    this.stream.once('drain', () => this.flush());
  }

  private flush(): void {
    this.isWaiting = false;
    while (this.queue.length > 0 && !this.isWaiting && !this.isClosed) {
      const next = this.queue.shift()!;
      this.queuedBytes -= next.frame.length;
      this.send(next.frame);
    }
  }
}

/** Messages a newer one makes useless: the diagnostics of one document, the status. */
function replaceKey(message: Message): string | undefined {
  const { method, params, id } = message as { method?: unknown; params?: { uri?: unknown }; id?: unknown };
  if (id !== undefined) return undefined;
  if (method === 'textDocument/publishDiagnostics' && typeof params?.uri === 'string') return `diagnostics ${params.uri}`;
  if (method === 'piilint/status') return 'status';
  return undefined;
}
