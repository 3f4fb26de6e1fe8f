import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { CallUrl } from '../incoming-call.ts';

// A path and query no WHATWG URL parser would change: no characters it percent-encodes or drops,
// no dot segments (also as %2e). Anything else takes the full parse; the answer is the same.
const plainTarget = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/;
const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:[/?]|$)/i;
// A Host header that can only be a host and port (no userinfo, path or query sneaking in).
const plainHost = /^[A-Za-z0-9.\-:[\]]+$/;

interface Origin {
  readonly scheme: string;
  readonly host: string;
  readonly origin: string;
}

// Host headers repeat from request to request; each is parsed by `URL` once, then looked up.
const origins = new Map<string, Origin | null>();
const maxOrigins = 256;

function originOf(scheme: string, host: string): Origin | null {
  const key = `${scheme}://${host}`;
  let origin = origins.get(key);
  if (origin !== undefined) return origin;
  origin = null;
  if (plainHost.test(host) && URL.canParse(`${key}/`)) {
    const url = new URL(`${key}/`);
    if (url.pathname === '/' && url.search === '' && url.username === '' && url.password === '') {
      origin = { scheme, host: url.host, origin: `${url.protocol}//${url.host}` };
    }
  }
  if (origins.size >= maxOrigins) origins.clear();
  origins.set(key, origin);
  return origin;
}

function fromUrl(url: URL): CallUrl {
  return {
    href: url.href,
    scheme: url.protocol.slice(0, -1),
    host: url.host,
    pathname: url.pathname,
    search: url.search,
  };
}

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
  if (origin !== null && plainTarget.test(target) && !dotSegment.test(target)) {
    const query = target.indexOf('?');
    return {
      href: `${origin.origin}${target}`,
      scheme: origin.scheme,
      host: origin.host,
      pathname: query === -1 ? target : target.slice(0, query),
      search: query === -1 || query === target.length - 1 ? '' : target.slice(query),
    };
  }
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
