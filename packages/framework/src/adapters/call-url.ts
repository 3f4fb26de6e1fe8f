import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { CallUrl } from '../incoming-call.ts';
import { fromUrl, isPlainTarget, originOf, splitTarget } from '../plain-url.ts';

/**
 * The URL a Node request arrived on, as a fetch `Request` would spell it: scheme from the socket,
 * host from `Host` (`localhost` when it is missing or malformed, so a bad Host cannot crash the
 * adapter; such a request then fails verification), then the path and query. The usual request
 * (a plain path, a Host seen before) is split without running the URL parser.
 */
export function callUrlOf(req: IncomingMessage, target: string): CallUrl {
  const scheme = (req.socket as Partial<TLSSocket> | null)?.encrypted === true ? 'https' : 'http';
  if (/^https?:\/\//i.test(target)) {
    return URL.canParse(target) ? fromUrl(new URL(target)) : fromUrl(new URL(`${scheme}://localhost/`));
  }
  const host = req.headers.host;
  const origin = host === undefined ? null : originOf(scheme, host);
  if (origin !== null && isPlainTarget(target)) return splitTarget(origin, target);
  return slowCallUrl(scheme, host, target);
}

/** The same answer through the URL parser: any target, any Host. Exported for the equivalence test. */
export function slowCallUrl(scheme: string, host: string | undefined, target: string): CallUrl {
  const tail = target.startsWith('/') ? target : `/${target}`;
  const arrived = `${scheme}://${host}${tail}`;
  if (host !== undefined && URL.canParse(arrived)) return fromUrl(new URL(arrived));
  const local = `${scheme}://localhost${tail}`;
  return fromUrl(new URL(URL.canParse(local) ? local : `${scheme}://localhost/`));
}
