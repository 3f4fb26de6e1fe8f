import { STATUS_CODES } from 'node:http';
import type { PlatformCallKind } from '@spoke/protocol';
import type { ExchangeError, ExchangeReply } from './exchange.ts';

/** Longest reason kept from a reply body; the inspector shows the whole body. */
export const maxReasonChars = 300;
/** Longest URL kept whole in a message; longer ones lose their middle. */
export const maxMessageUrlChars = 400;

function cap(text: string, max = maxReasonChars): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A long URL with its middle elided, so both the host and path and the end of the query stay readable. */
export function elideMiddle(url: string, max = maxMessageUrlChars): string {
  if (url.length <= max) return url;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.6);
  return `${url.slice(0, head)}…${url.slice(url.length - (keep - head))}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

// Tags that break a line; the others (`<b>`, `<a>`, `<span>`…) run into the text around them.
const blockTags = new Set(
  'address article aside blockquote body br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table td th tr ul'.split(
    ' ',
  ),
);

/** A page is read only this far: the reason is near the top, and a longer scan is wasted. */
const maxScannedChars = 65_536;

// The HTML is read with indexOf loops, not regexes: a hostile service controls every byte, and a
// loop is linear on any input. docs/reliability.md "Regexes on request data".

/** The lower-case name of the tag whose text (between `<` and `>`) is given: `/TD class=x` → `td`. */
function tagName(tag: string): string {
  let i = tag.startsWith('/') ? 1 : 0;
  const from = i;
  while (i < tag.length) {
    const c = tag.charCodeAt(i);
    const letterOrDigit = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letterOrDigit) break;
    i++;
  }
  return tag.slice(from, i).toLowerCase();
}

/** The text of an HTML fragment: tags dropped (block tags become a space), entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) {
      out += html.slice(at);
      break;
    }
    out += html.slice(at, lt);
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break;
    if (blockTags.has(tagName(html.slice(lt + 1, gt)))) out += ' ';
    at = gt + 1;
  }
  return collapse(decodeEntities(out));
}

/** Where the next `<name` opening tag starts (followed by `>`, `/` or whitespace), from `from`; -1 if none. */
function openingTag(lower: string, name: string, from: number): number {
  let at = lower.indexOf(`<${name}`, from);
  while (at !== -1) {
    const next = lower.charCodeAt(at + 1 + name.length);
    if (Number.isNaN(next) || next === 62 || next === 47 || next <= 32) return at;
    at = lower.indexOf(`<${name}`, at + 1);
  }
  return -1;
}

/** The first `<name>…</name>` element from `from`: where it starts and ends, and its inner HTML. */
function element(
  html: string,
  lower: string,
  name: string,
  from = 0,
): { start: number; end: number; inner: string } | null {
  const start = openingTag(lower, name, from);
  if (start === -1) return null;
  const open = lower.indexOf('>', start);
  if (open === -1) return null;
  const close = lower.indexOf(`</${name}`, open + 1);
  if (close === -1) return null;
  const closeEnd = lower.indexOf('>', close);
  return { start, end: closeEnd === -1 ? html.length : closeEnd + 1, inner: html.slice(open + 1, close) };
}

/** The first of `<h1>`–`<h3>` in the page, as text. */
function firstHeading(html: string, lower: string): string {
  const found = ['h1', 'h2', 'h3']
    .map((name) => element(html, lower, name))
    .filter((e) => e !== null)
    .sort((a, b) => a.start - b.start);
  return found[0] ? textOf(found[0].inner) : '';
}

/** The page without the elements that hold no readable text: head, title, script, style, template. */
function withoutHidden(html: string, lower: string): string {
  const ranges: { start: number; end: number }[] = [];
  for (const name of ['head', 'title', 'script', 'style', 'template']) {
    let found = element(html, lower, name);
    while (found) {
      ranges.push(found);
      found = element(html, lower, name, found.end);
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const range of ranges) {
    if (range.end <= at) continue;
    out += `${html.slice(at, Math.max(at, range.start))} `;
    at = range.end;
  }
  return out + html.slice(at);
}

/** Lower case without the punctuation and spaces at the end, to compare a title with a heading. */
function comparable(text: string): string {
  let end = text.length;
  while (end > 0 && '.!: \t\n'.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end).toLowerCase();
}

/**
 * What an HTML error page says: its `<title>`, its first heading when that adds something, and
 * the start of its text when both are too short to explain (Express's `Error` / `Cannot GET /card`).
 */
function htmlReason(page: string): string {
  const html = page.slice(0, maxScannedChars);
  const lower = html.toLowerCase();
  const titleElement = element(html, lower, 'title');
  const title = titleElement ? textOf(titleElement.inner) : '';
  const heading = firstHeading(html, lower);
  const parts = [title];
  if (heading !== '' && !comparable(title).includes(comparable(heading))) parts.push(heading);
  let reason = parts.filter((p) => p !== '').join(' — ');
  if (reason.length < 20) {
    let text = textOf(withoutHidden(html, lower));
    if (heading !== '' && text.startsWith(heading)) text = text.slice(heading.length).trim();
    if (text !== '') reason = reason === '' ? text : `${reason} — ${text}`;
  }
  return reason;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? collapse(value) : null;
}

/**
 * The reason in a JSON error body, in the shapes services use: `{code, message}` (a Spoke service),
 * HubSpot's `{status, message, category, correlationId}`, `{error}` (a string or one of these),
 * `{error, message}` (Fastify), `{error, error_description}` (OAuth), `{message}`,
 * `{errors: [{message}]}`, `{title, detail}` (RFC 9457), `{detail}` and `{detail: [{msg}]}` (FastAPI).
 */
function jsonReason(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return depth < 2 && value.length > 0 ? jsonReason(value[0], depth + 1) : null;
  if (typeof value !== 'object' || value === null || depth > 2) return null;
  const body = value as Record<string, unknown>;
  const message = str(body.message) ?? str(body.error_description) ?? str(body.detail) ?? str(body.msg);
  // `error` names the message's kind beside one (Fastify's `{error: 'Unauthorized', message}`, OAuth's `error_description`).
  const code = str(body.code) ?? str(body.category) ?? str(body.title) ?? (message ? str(body.error) : null);
  if (message && code && code !== message) return `${code}: ${message}`;
  if (message ?? code) return message ?? code;
  return (
    jsonReason(body.error, depth + 1) ??
    jsonReason(body.errors, depth + 1) ??
    jsonReason(body.detail, depth + 1)
  );
}

function looksLikeHtml(body: string, contentType: string): boolean {
  return /html|xml/i.test(contentType) || /^<(!doctype|html|head|body|title|h[1-6]|p|div|pre)\b/i.test(body);
}

/**
 * The service's own reason for an error status, read from its body: the message of a JSON error,
 * the title or first heading of an HTML page, or the start of any other text; capped at
 * {@link maxReasonChars}. Null for an empty body.
 */
export function serviceReason(reply: ExchangeReply): string | null {
  const body = reply.body.trim();
  if (body === '') return null;
  const contentType = reply.headers['content-type'] ?? '';
  if (/json/i.test(contentType) || body.startsWith('{') || body.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(body);
      const reason = jsonReason(parsed);
      return cap(reason ?? collapse(JSON.stringify(parsed)));
    } catch {
      // Not JSON after all (or cut off by the size cap): read it as text below.
    }
  }
  const text = looksLikeHtml(body, contentType) ? htmlReason(body) : collapse(body);
  return text === '' ? null : cap(text);
}

/** `401 Unauthorized`, or the bare number for a status without a standard name. */
export function statusLine(status: number): string {
  const name = STATUS_CODES[status];
  return name ? `${status} ${name}` : String(status);
}

const loginPath =
  /(^|[/_.-])(log-?in|sign-?in|sign_in|auth|authorize|oauth2?|sso|session|sessions)([/_.?-]|$)/i;
const errorPath = /(^|[/_.-])(error|errors|oops|maintenance|unavailable|4\d\d|5\d\d)([/_.?-]|$)/i;

/**
 * What a redirect means, by where it goes: the same route with or without a trailing slash, or on
 * https, means the registered URL is not the final one; a login page means the route wants a
 * session the platform never has; an error page means the service failed.
 */
function redirectHint(requestUrl: string, location: string | undefined): string {
  if (location === undefined || location === '')
    return 'It sent no Location header. The platform does not follow redirects; answer the call with 200 and JSON.';
  if (!URL.canParse(location, requestUrl))
    return `Its Location ${JSON.stringify(location)} is not a URL. The platform does not follow redirects; answer the call with 200 and JSON.`;
  const from = new URL(requestUrl);
  const to = new URL(location, requestUrl);
  const where = `${to.origin}${to.pathname}`;
  const trimSlash = (p: string) => p.replace(/\/+$/, '');
  if (loginPath.test(to.pathname))
    return `It redirects to a login page (${where}): the route wants a session, and the platform's calls carry no cookie or login. The platform does not follow redirects; exempt this route from the login and trust the HubSpot signature instead.`;
  if (errorPath.test(to.pathname))
    return `It redirects to an error page (${where}): the service failed while answering; its log says why. The platform does not follow redirects.`;
  const samePath = trimSlash(from.pathname) === trimSlash(to.pathname);
  const sameOrigin = from.host === to.host && from.protocol === to.protocol;
  if (sameOrigin && from.pathname === to.pathname)
    return to.search === from.search
      ? 'It redirects to itself, so a client that followed it would loop. The platform does not follow redirects; answer the call with 200 and JSON.'
      : 'It redirects to the same route with another query, which drops the parameters the platform sent and signed. The platform does not follow redirects; answer the call where it arrives, with 200 and JSON.';
  if (samePath && sameOrigin)
    return `It redirects to the same route with${to.pathname.endsWith('/') ? '' : 'out'} a trailing slash. The platform does not follow redirects; register the final URL, ${where}, in the app settings.`;
  if (samePath && to.protocol === 'https:' && from.protocol === 'http:')
    return `It redirects to https. The platform does not follow redirects; register the final URL, ${where}, in the app settings.`;
  return `It redirects to ${where}. The platform does not follow redirects; if the route moved, register the final URL in the app settings, otherwise find out why the service redirects this call.`;
}

/** Advice for a status, by kind of call: what a 404 on a card fetch or a 401 usually means. */
export function statusHint(options: {
  kind: PlatformCallKind;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The public URL the call was signed for, when it is not `url`. */
  signedUrl?: string | undefined;
}): string {
  const { kind, method, status, headers } = options;
  if (status >= 300 && status < 400) return redirectHint(options.url, headers.location);
  if (status === 401 || status === 403) {
    const tunnel = options.signedUrl
      ? `The call was signed for the public URL ${options.signedUrl}; check that this is the URL the service verifies.`
      : "A service behind a tunnel or proxy that verifies its public URL needs the app's publicUrl (spoke.config.json, the Apps screen, --public-url).";
    return `The service refused the call, usually because its signature check failed: compare the strings Spoke signed (the inspector's signature panel; signature.sources in --json) with what the service hashes, or run \`spoke verify\` with the request to see which change it made (another host, scheme or port, a decoded query, a re-serialised body). ${tunnel}`;
  }
  if (status === 404 || status === 405) {
    const allow = headers.allow ? ` (it allows ${headers.allow})` : '';
    if (kind === 'crm-card.fetch')
      return `HubSpot always fetches card data with GET${allow}: the route may answer only POST, or the path may be wrong. Serve the card's targetUrl with GET.`;
    return `The route may not answer ${method}${allow}, or the path may be wrong. Check the URL and the method the platform sends.`;
  }
  if (status === 429) return 'The service rate-limited the platform; HubSpot shows the call as failed.';
  if (status >= 500)
    return 'The service failed while answering (a crash or an unhandled error); its log says why.';
  return 'The service refused the call; HubSpot treats any status outside 200–299 as a failure.';
}

/**
 * The main error for a reply outside 200–299: the status first, then the service's reason, then
 * the URL, then the advice; each part also kept as a field for the UI and the CLI.
 */
export function statusError(options: {
  kind: PlatformCallKind;
  method: string;
  url: string;
  reply: ExchangeReply;
  forced?: boolean;
  signedUrl?: string | undefined;
}): ExchangeError & { message: string } {
  const { reply } = options;
  const reason = options.forced ? null : serviceReason(reply);
  const hint = options.forced
    ? 'The status was forced by an injected fault; the service was not called.'
    : statusHint({ ...options, status: reply.status, headers: reply.headers });
  const said = reason === null ? ' with an empty body' : `: ${reason}`;
  const message = `Service answered ${statusLine(reply.status)}${said} (${options.method} ${elideMiddle(options.url)}). ${hint}`;
  const error: ExchangeError & { message: string } = {
    code: 'DISPATCH_STATUS_NOT_OK',
    message,
    status: reply.status,
    statusText: STATUS_CODES[reply.status] ?? '',
    reason,
    url: options.url,
    hint,
  };
  if (reply.headers.location !== undefined) error.location = reply.headers.location;
  return error;
}
