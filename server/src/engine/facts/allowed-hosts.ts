/**
 * Stage: facts (hosts).
 * Input: a URL as the dataflow knows it (a constant, or a template whose unknown parts are NUL characters) and the
 * rule's allowed hosts.
 * Output: whether sending to it keeps the data on the device or vehicle.
 * Also: the options that give a client the base URL its requests are relative to (`axios.create({ baseURL })`), and
 * the URL a relative request goes to.
 * Invariant: only a URL whose host is known can be allowed; anything unknown counts as leaving.
 */

/** Options of a client factory that set the base of relative request URLs (axios `baseURL`, got and ky `prefixUrl`). */
export const BASE_URL_OPTIONS: readonly string[] = ['baseURL', 'baseUrl', 'prefixUrl', 'prefixURL'];

/**
 * Where a request for `url` goes from a client made for `base`: a path (`/frames`, `frames`) is resolved against
 * the base; a URL with a scheme, or one whose start is unknown, is left as it is.
 */
export function resolveAgainstBase(url: string | undefined, base: string | undefined): string | undefined {
  if (url === undefined || base === undefined || url.startsWith('\u0000') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return url;
  return `${trimSlashes(base, 'end')}/${trimSlashes(url, 'start')}`;
}

/** `base` without its trailing slashes, or `url` without its leading ones (a loop: linear on any input). */
function trimSlashes(text: string, side: 'start' | 'end'): string {
  let start = 0;
  let end = text.length;
  if (side === 'start') while (start < end && text[start] === '/') start++;
  else while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}

/**
 * Loopback URLs and hosts declared on-vehicle are not off the device (DOMAIN §4.5). An allowed host is exact or
 * `*.suffix` for its subdomains. A URL the engine cannot read as a constant is never allowed.
 */
export function isAllowedUrl(url: string | undefined, allowedHosts: readonly string[]): boolean {
  const host = url === undefined ? undefined : hostOf(url);
  if (host === undefined) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)) return true;
  return allowedHosts.some((allowed) => {
    const pattern = allowed.trim().toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

function hostOf(url: string): string | undefined {
  // The part of a template after an interpolation (`${base}/x`) is unknown: no host can be read from it.
  if (url.startsWith('\u0000')) return undefined;
  const head = url.split('\u0000')[0]!;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(head) && !head.startsWith('//')) return undefined;
  try {
    const parsed = new URL(head.startsWith('//') ? `tcp:${head}` : head);
    const host = parsed.hostname.toLowerCase();
    return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host || undefined;
  } catch {
    return undefined;
  }
}
