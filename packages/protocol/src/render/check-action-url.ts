import type { PlatformMode } from '../messages/action-hook.ts';

/** What {@link checkActionUrl} decided: the URL the platform uses, or why it refuses the action. */
export type ActionUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Options of {@link checkActionUrl}. */
export interface CheckActionUrlOptions {
  /** The card definition's `actions.baseUrls`. */
  baseUrls: readonly string[];
  /** @default 'legacy' */
  mode?: PlatformMode;
  /** The card's `fetch.targetUrl`: what a converter-mode relative path is resolved against. */
  relativeTo?: string;
}

// A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) then ':' (RFC 3986 §3.1); read by a loop.
function schemeLength(uri: string): number {
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c === 58) return i > 0 ? i : -1;
    if (!(alpha || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)))) return -1;
  }
  return -1;
}

// The WHATWG parser trims C0 controls and spaces at the start and reads a backslash before the
// query as '/', which turns ` http://x` or `https:\\x` into another URL than the text shows; refuse
// those. (Tabs and line breaks it drops anywhere, and trailing spaces it trims, cannot move the URL
// to another origin unnoticed: the origin is compared after parsing.)
function unsafeCharacter(uri: string): string | null {
  const first = uri.charCodeAt(0);
  if (first <= 32 || first === 127) {
    return 'leading whitespace or control characters (the URL parser trims them)';
  }
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c === 63 || c === 35) break;
    if (c === 92)
      return 'a backslash (browsers and the URL parser read it as /, so it can name another host)';
  }
  return null;
}

function basePrefixes(baseUrls: readonly string[]): { origin: string; path: string }[] {
  const out: { origin: string; path: string }[] = [];
  for (const base of baseUrls) {
    if (!URL.canParse(base)) continue;
    const parsed = new URL(base);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
    // `/hubspot/` and `/hubspot` name the same segment; `/` is the whole origin.
    let path = parsed.pathname;
    while (path.endsWith('/')) path = path.slice(0, -1);
    out.push({ origin: parsed.origin, path });
  }
  return out;
}

/** True when `url`'s path is `base` or below it at a segment boundary (`/a` covers `/a`, `/a/b`, not `/ab`). */
function underPath(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(`${base}/`);
}

/**
 * The one check of an action URI against the card's `actions.baseUrls`, in every mode, on the
 * parsed URL: an absolute http(s) URL is allowed when its origin (scheme, host, port) equals a base
 * URL's and its path is at or below the base path at a segment boundary. Refused whatever the mode:
 * scheme-relative (`//host`), a backslash before the query, leading whitespace or control characters,
 * `https:/host` (one slash) and userinfo (`user:pw@host`). In converter mode a relative path is
 * resolved against the card's `targetUrl` and must stay on that origin (HubSpot skips the baseUrls
 * list for it, docs/protocol.md §2.4). Returns the URL to use (WHATWG-serialised) or the reason.
 */
export function checkActionUrl(uri: string, options: CheckActionUrlOptions): ActionUrlCheck {
  const mode = options.mode ?? 'legacy';
  const listed = options.baseUrls.join(', ') || 'none declared';
  const refuse = (why: string): ActionUrlCheck => ({
    ok: false,
    reason: `action uri ${JSON.stringify(uri)} is refused: ${why}.`,
  });
  const unsafe = unsafeCharacter(uri);
  if (unsafe) return refuse(`it contains ${unsafe}`);
  if (uri.startsWith('//')) return refuse('it is scheme-relative (//host), so it could name any host');
  const scheme = schemeLength(uri);
  let url: URL;
  if (scheme === -1) {
    if (mode !== 'converter' || options.relativeTo === undefined) {
      return refuse(
        `it is not an absolute http(s) URL and ${mode === 'converter' ? 'the card has no targetUrl to resolve it against' : 'legacy cards only accept absolute URLs'}; the card's actions.baseUrls are ${listed}`,
      );
    }
    if (!URL.canParse(uri, options.relativeTo))
      return refuse('it does not resolve against the card targetUrl');
    url = new URL(uri, options.relativeTo);
    const target = new URL(options.relativeTo);
    if (url.origin !== target.origin)
      return refuse(`it resolves to ${url.origin}, not the card's own ${target.origin}`);
    return { ok: true, url: url.href };
  }
  const protocol = uri.slice(0, scheme).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return refuse('only http and https URLs are called');
  if (!uri.startsWith('//', scheme + 1)) {
    return refuse(`it has ${protocol}: without // (e.g. ${protocol}:/host), which parsers read differently`);
  }
  if (!URL.canParse(uri)) return refuse('it is not a valid URL');
  url = new URL(uri);
  if (url.username !== '' || url.password !== '') {
    return refuse('it carries a user name or password (user:pw@host), which the platform never sends');
  }
  const allowed = basePrefixes(options.baseUrls).some(
    (base) => base.origin === url.origin && underPath(url.pathname, base.path),
  );
  if (!allowed) {
    return refuse(
      `${url.origin}${url.pathname} is not at or below any of the card's actions.baseUrls (${listed}; the same scheme, host and port, and the path at a / boundary)`,
    );
  }
  return { ok: true, url: url.href };
}
