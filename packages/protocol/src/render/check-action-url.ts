import type { PlatformMode } from '../messages/action-hook.ts';

/** What {@link checkActionUrl} decided: the URL the platform uses, or why it refuses the action. */
export type ActionUrlCheck =
  | { ok: true; url: string }
  | {
      ok: false;
      reason: string;
      /**
       * True for shapes Spoke refuses in every mode (`//host`, a backslash, leading whitespace,
       * `https:/host`, userinfo, a scheme other than http(s)); false for a relative path or a URL
       * outside `baseUrls`, which converter mode reports as a warning (docs/protocol.md §2.4).
       */
      everyMode: boolean;
    };

/** Options of {@link checkActionUrl}. */
export interface CheckActionUrlOptions {
  /** The card definition's `actions.baseUrls`. */
  baseUrls: readonly string[];
  /**
   * The rule is the same in both modes; converter mode reports a `everyMode: false` refusal as a
   * warning ({@link converterActionWarning}). @default 'legacy'
   */
  mode?: PlatformMode;
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
 * `https:/host` (one slash) and userinfo (`user:pw@host`). A relative path is refused too; the
 * converter renders it but its click fails ({@link converterClickCheck}). Returns the URL to use
 * (WHATWG-serialised) or the reason.
 */
export function checkActionUrl(uri: string, options: CheckActionUrlOptions): ActionUrlCheck {
  const listed = options.baseUrls.join(', ') || 'none declared';
  const refuse = (why: string, everyMode = true): ActionUrlCheck => ({
    ok: false,
    reason: `action uri ${JSON.stringify(uri)} is refused: ${why}.`,
    everyMode,
  });
  const unsafe = unsafeCharacter(uri);
  if (unsafe) return refuse(`it contains ${unsafe}`);
  if (uri.startsWith('//')) return refuse('it is scheme-relative (//host), so it could name any host');
  const scheme = schemeLength(uri);
  let url: URL;
  if (scheme === -1) {
    // Only a genuine relative reference (one the parser keeps on the page's origin) is a path the
    // converter renders; `java\tscript:` and the like parse to another scheme and are refused.
    const probe = 'https://relative.invalid/';
    if (!URL.canParse(uri, probe) || new URL(uri, probe).origin !== new URL(probe).origin) {
      return refuse('it is not a URL the platform can call (it parses to another scheme or host)');
    }
    return refuse(
      `it is not an absolute http(s) URL (legacy cards and the converter's new URL(uri) only take absolute ones); the card's actions.baseUrls are ${listed}`,
      false,
    );
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
      false,
    );
  }
  return { ok: true, url: url.href };
}

/** What the converter decides when a hook is clicked: the URI it calls, or the alert it shows instead. */
export type ConverterClickCheck = { ok: true; url: string } | { ok: false; alert: string };

function parsedOrNull(uri: string): URL | null {
  return URL.canParse(uri) ? new URL(uri) : null;
}

/**
 * HubSpot's Legacy CRM Card Converter's own check of an ACTION_HOOK or CONFIRMATION_ACTION_HOOK
 * URI, made when it is clicked (IFRAMEs are never checked): the URI must parse on its own (so a
 * relative path fails) and share protocol and hostname (not port, not path) with one of the card's
 * `actions.baseUrls`. A failure is the alert the converter shows, and nothing is called. The URI it
 * calls is the text as given. docs/protocol.md §2.4.
 */
export function converterClickCheck(uri: string, baseUrls: readonly string[]): ConverterClickCheck {
  const url = parsedOrNull(uri);
  const bases = baseUrls.map(parsedOrNull).filter((base): base is URL => base !== null);
  const shared =
    url !== null && bases.some((base) => base.protocol === url.protocol && base.hostname === url.hostname);
  if (uri !== '' && shared) return { ok: true, url: uri };
  return {
    ok: false,
    alert: `Error: Action URI: '${uri}' does not share a base URI with the base URIs defined for this object type`,
  };
}

/**
 * In converter mode, what a URI that legacy HubSpot refused (`reason`, from {@link checkActionUrl})
 * does in production instead: the converter renders the card anyway, and the action either alerts
 * on click, is called, or (an IFRAME) is opened unchecked. The inspector's warning text.
 */
export function converterActionWarning(
  action: { type: 'IFRAME' | 'ACTION_HOOK' | 'CONFIRMATION_ACTION_HOOK'; uri: string },
  reason: string,
  baseUrls: readonly string[],
): string {
  const absolute = URL.canParse(action.uri);
  if (action.type === 'IFRAME') {
    return absolute
      ? `${reason} The converter renders this (it opens IFRAME URIs without checking baseUrls); legacy HubSpot refused it.`
      : `${reason} The converter renders the card but opens the IFRAME at this text as is, relative to HubSpot's own page, so the modal never reaches your service: write an absolute URL.`;
  }
  const click = converterClickCheck(action.uri, baseUrls);
  if (!click.ok) {
    return `${reason} The converter renders the card, but a click shows "${click.alert}" and calls nothing: write an absolute URL on a host listed in actions.baseUrls.`;
  }
  return `${reason} The converter renders and calls this (it compares only protocol and hostname, when the hook is clicked); legacy HubSpot refused it.`;
}
