/**
 * LSP shell: the protocol's lifecycle, enforced before the connection sees a message (issue #21).
 * Input: the messages a reader delivers. Output: the same messages, less those the spec says the server must not
 * act on, each request among them answered with the spec's error:
 * - before `initialize`: requests get `ServerNotInitialized` (-32002), notifications are dropped (`exit` excepted);
 * - after `shutdown`: requests get `InvalidRequest` (-32600), notifications are dropped (`exit` excepted).
 * Invariant: responses (to the server's own requests) always pass; nothing else is changed or reordered.
 */
import { ErrorCodes, type Message, type MessageReader, type ResponseMessage } from 'vscode-languageserver/node';

type Phase = 'uninitialized' | 'running' | 'shut-down';

interface IncomingMessage {
  readonly id?: unknown;
  readonly method?: unknown;
}

export function guardLifecycle(reader: MessageReader, reply: (response: ResponseMessage) => void): MessageReader {
  let phase: Phase = 'uninitialized';
  const admit = (message: unknown): boolean => {
    if (typeof message !== 'object' || message === null) return true; // the connection reports what is not a message
    const { id, method } = message as IncomingMessage;
    if (typeof method !== 'string') return true; // a response
    const isRequest = id !== undefined && id !== null;
    if (method === 'exit') return true;
    if (phase === 'uninitialized') {
      if (isRequest && method === 'initialize') {
        phase = 'running';
        return true;
      }
      if (isRequest) reply(errorResponse(id, ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" before "${method}".`));
      return false;
    }
    if (phase === 'shut-down') {
      if (isRequest) reply(errorResponse(id, ErrorCodes.InvalidRequest, `The server is shutting down: "${method}" is not accepted after "shutdown"; send "exit".`));
      return false;
    }
    if (isRequest && method === 'shutdown') phase = 'shut-down';
    return true;
  };
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message: Message) => {
        if (admit(message)) callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}

function errorResponse(id: unknown, code: number, message: string): ResponseMessage {
  const validId = typeof id === 'number' || typeof id === 'string' ? id : null;
  return { jsonrpc: '2.0', id: validId, error: { code, message } };
}
