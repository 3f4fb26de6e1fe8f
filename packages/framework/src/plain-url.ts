import type { CallUrl } from './incoming-call.ts';

// A path and query no WHATWG URL parser would change: no characters it percent-encodes or drops,
// no dot segments (also as %2e). Anything else takes the full parse; the answer is the same.
const plainTarget = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/;
const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:[/?]|$)/i;
// A Host header that can only be a host and port (no userinfo, path or query sneaking in).
const plainHost = /^[A-Za-z0-9.\-:[\]]+$/;

/** A scheme and host as the URL parser spells them, and the origin they make. */
export interface Origin {
  readonly scheme: string;
  readonly host: string;
  /** `scheme://host`, serialised. */
  readonly origin: string;
}

// Hosts repeat from request to request; each is parsed by `URL` once, then looked up.
const origins = new Map<string, Origin | null>();
const maxOrigins = 256;

/**
 * `scheme` and `host` as a parsed origin, or null when `host` is not a plain host and port (a
 * path, a query or userinfo in it, or nothing the URL parser accepts). Cached per pair.
 */
export function originOf(scheme: string, host: string): Origin | null {
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

/** True when the URL parser would keep `target` (path and query) exactly as it is. */
export function isPlainTarget(target: string): boolean {
  return plainTarget.test(target) && !dotSegment.test(target);
}

/** The parts of a plain target under a parsed origin, split without the URL parser. */
export function splitTarget(origin: Origin, target: string): CallUrl {
  const query = target.indexOf('?');
  return {
    href: `${origin.origin}${target}`,
    scheme: origin.scheme,
    host: origin.host,
    pathname: query === -1 ? target : target.slice(0, query),
    search: query === -1 || query === target.length - 1 ? '' : target.slice(query),
  };
}

/** The parts of a parsed URL. */
export function fromUrl(url: URL): CallUrl {
  return {
    href: url.href,
    scheme: url.protocol.slice(0, -1),
    host: url.host,
    pathname: url.pathname,
    search: url.search,
  };
}

/**
 * The parts of an absolute URL (a fetch `Request`'s `url`), exactly as `new URL(href)` gives them.
 * The usual one (`http` or `https`, a host seen before and spelled as the parser spells it, a
 * plain path and query) is split as a string; anything else takes the URL parser.
 */
export function callUrlOfHref(href: string): CallUrl {
  const scheme = href.startsWith('https://') ? 'https' : href.startsWith('http://') ? 'http' : undefined;
  if (scheme !== undefined) {
    const hostStart = scheme.length + 3;
    const pathStart = href.indexOf('/', hostStart);
    if (pathStart !== -1) {
      const origin = originOf(scheme, href.slice(hostStart, pathStart));
      const target = href.slice(pathStart);
      // The origin as given must be the parser's own spelling, or the href would change.
      if (origin !== null && origin.origin.length === pathStart && href.startsWith(origin.origin)) {
        if (isPlainTarget(target)) return splitTarget(origin, target);
      }
    }
  }
  return fromUrl(new URL(href));
}
