/**
 * HTTP clients as sinks (DOMAIN.md §4.5): where each client takes the URL and the payload. The camera rule uses them
 * all as egress; the biometric rule uses them with a URL pattern, for face libraries reached over REST (Baidu
 * `faceset/user/add`, Huawei FRS, CompreFace), which store every face they are sent.
 */
import type { SinkModel } from '../../server/src/engine/rule-api';

/** How a client is called: its callee, where the payload is, and where the URL is. */
interface HttpClientShape {
  readonly client: string;
  readonly callee: Pick<SinkModel, 'module' | 'global' | 'path' | 'receiverName' | 'methods'>;
  readonly arguments: readonly number[] | 'all';
  readonly property?: string;
  readonly urlArgument: number | 'receiver';
}

const PAYLOAD_OPTIONS = ['body', 'json', 'form', 'formData', 'data'] as const;

/** Clients whose URL is a positional argument (or the receiver's), so that a URL pattern can select them. */
function positionalClients(): HttpClientShape[] {
  const shapes: HttpClientShape[] = [
    { client: 'fetch', callee: { global: 'fetch', path: '' }, arguments: [1], property: 'body', urlArgument: 0 },
    { client: 'node-fetch', callee: { module: 'node-fetch', path: '' }, arguments: [1], property: 'body', urlArgument: 0 },
    { client: 'undici', callee: { module: 'undici', path: 'fetch|request' }, arguments: [1], property: 'body', urlArgument: 0 },
    { client: 'axios', callee: { module: 'axios', path: 'post|put|patch' }, arguments: [1], urlArgument: 0 },
    { client: 'axios', callee: { module: 'axios', path: 'create().post|put|patch' }, arguments: [1], urlArgument: 0 },
    { client: 'superagent', callee: { module: 'superagent', path: 'post|put|patch().**.send|attach' }, arguments: 'all', urlArgument: 'receiver' },
    // Egg.js and urllib: `ctx.curl(url, { method: 'POST', data })`, `app.httpclient.request(url, { data })`.
    { client: 'Egg.js curl', callee: { receiverName: 'ctx|app|httpclient|.*http_?client', methods: 'curl' }, arguments: [1], property: 'data', urlArgument: 0 },
    { client: 'Egg.js httpclient', callee: { receiverName: 'httpclient|.*http_?client', methods: 'request' }, arguments: [1], property: 'data', urlArgument: 0 },
    { client: 'urllib', callee: { module: 'urllib', path: 'request|curl' }, arguments: [1], property: 'data', urlArgument: 0 },
  ];
  for (const property of ['body', 'json', 'form']) {
    shapes.push(
      { client: 'got', callee: { module: 'got', path: 'post|put|patch' }, arguments: [1], property, urlArgument: 0 },
      { client: 'got', callee: { module: 'got', path: '' }, arguments: [1], property, urlArgument: 0 },
      // `const api = got.extend({ prefixUrl })`: an instance with defaults, called like got itself.
      { client: 'got', callee: { module: 'got', path: 'extend().post|put|patch' }, arguments: [1], property, urlArgument: 0 },
      { client: 'got', callee: { module: 'got', path: 'extend()' }, arguments: [1], property, urlArgument: 0 },
    );
  }
  for (const property of ['body', 'json']) {
    shapes.push({ client: 'ky', callee: { module: 'ky', path: 'post|put|patch' }, arguments: [1], property, urlArgument: 0 });
  }
  for (const property of PAYLOAD_OPTIONS.filter((name) => name !== 'data')) {
    shapes.push({ client: 'request', callee: { module: 'request', path: 'post|put|patch' }, arguments: [1], property, urlArgument: 0 });
  }
  return shapes;
}

/** Every positional HTTP client as a sink of the payload; with `urlMatches`, only calls to such a URL. */
export function httpRequestSinks(describe: (client: string) => string, urlMatches?: string): SinkModel[] {
  return positionalClients().map((shape) => ({
    ...shape.callee,
    arguments: shape.arguments,
    property: shape.property,
    urlArgument: shape.urlArgument,
    when: urlMatches ? { argument: shape.urlArgument, matches: urlMatches } : undefined,
    description: describe(shape.client),
  }));
}
