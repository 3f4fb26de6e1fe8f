import { limits } from '@spoke/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { RequestLogRetention } from '../flows/platform-deps.ts';
import type { ApiCall } from '../store/api-call.ts';
import { clientIdOf } from '../store/client-id.ts';
import type { Store } from '../store/store.ts';
import type { EventHub } from './control/event-hub.ts';
import type { EmulatorLogger } from './emulator-logger.ts';

/**
 * The apps' calls to HubSpot's side, in the request log beside the exchanges: the OAuth token
 * endpoint and token metadata (`/oauth/v1/…`), the CRM API and the developer API (`/crm/…`).
 * docs/emulator.md, "The request log (inspector)".
 */

/** Paths whose calls are logged: by prefix, so every route under them is, the moment it exists. */
export const loggedApiPrefixes = ['/oauth/v1/', '/crm/'] as const;

/** True for a path the request log records as an app's API call. */
export function isLoggedApiPath(path: string): boolean {
  return loggedApiPrefixes.some((prefix) => path.startsWith(prefix));
}

/**
 * What a logged call is, from its path: `oauth.token`, `oauth.access-tokens`, `crm.objects`,
 * `crm.extensions`… (the family, then the first segment that is not a version such as `v3`).
 */
export function apiCallKind(path: string): string {
  const [family = '', ...rest] = path.split('/').filter(Boolean);
  const area = rest.find((segment) => !/^v\d+$/.test(segment)) ?? '';
  return /^[a-z0-9-]{1,40}$/.test(area) ? `${family}.${area}` : `${family}.other`;
}

/**
 * A secret as the log shows it: a few leading characters (at most 8, at most a quarter of it) and
 * `…`, after Spoke's `spoke-at-`/`spoke-rt-` token prefix. Enough to tell two apart, never to use one.
 */
export function redactSecret(value: string): string {
  const prefix = /^spoke-(?:at|rt)-/.exec(value)?.[0] ?? '';
  const rest = value.slice(prefix.length);
  return `${prefix}${rest.slice(0, Math.min(8, Math.floor(rest.length / 4)))}…`;
}

/** Fields of a form body or query that carry secrets (OAuth's, the developer API key, the emulator's token). */
const secretParams = new Set(['client_secret', 'code', 'refresh_token', 'access_token', 'hapikey', 'token']);
/** Keys of a JSON body whose string values are secrets. `code` is not one: it is Spoke's error code there. */
const secretJsonKeys = new Set([
  'client_secret',
  'refresh_token',
  'access_token',
  'hapikey',
  'developerApiKey',
  'clientSecret',
  'clientSecrets',
]);
/** Token metadata (`/oauth/v1/…-tokens/{token}`) answers with the token itself under `token`. */
const oauthSecretJsonKeys = new Set([...secretJsonKeys, 'token']);
/** What an app sends to `/oauth/v1/…` as JSON (refused, but logged): its `code` is the authorization code. */
const oauthRequestJsonKeys = new Set([...oauthSecretJsonKeys, 'code']);

/** Secrets shorter than this are redacted where they are named, but not searched for in free text. */
const minSearchedSecret = 8;

/** Collects secrets while redacting, so a secret echoed elsewhere (a message, a header) is caught too. */
class Redactor {
  readonly secrets = new Set<string>();

  secret(value: string): string {
    if (value.length >= minSearchedSecret) this.secrets.add(value);
    return redactSecret(value);
  }

  /** `a=1&b=2` with the secret fields' values redacted; the rest kept as it came. */
  params(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 0) return pair;
        const key = decodeParam(pair.slice(0, at));
        if (!secretParams.has(key)) return pair;
        return `${pair.slice(0, at)}=${this.secret(decodeParam(pair.slice(at + 1)))}`;
      })
      .join('&');
  }

  /** A JSON text with the secret keys' values redacted, or null when it is not JSON. */
  json(text: string, keys: ReadonlySet<string>): string | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return null;
    }
    const walk = (value: unknown, secret: boolean): unknown => {
      if (typeof value === 'string') return secret ? this.secret(value) : value;
      if (Array.isArray(value)) return value.map((item) => walk(item, secret));
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([key, item]) => [key, walk(item, secret || keys.has(key))]),
        );
      }
      return value;
    };
    return JSON.stringify(walk(parsed, false));
  }

  /** Every collected secret still present in `text`, redacted. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(redactSecret(secret));
    return out;
  }
}

function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** At most `limits.maxReplyBytes` of a body, and whether it was cut. */
function bounded(text: string): { body: string; truncated: boolean } {
  if (text.length <= limits.maxReplyBytes / 4 || Buffer.byteLength(text) <= limits.maxReplyBytes) {
    return { body: text, truncated: false };
  }
  return { body: Buffer.from(text).subarray(0, limits.maxReplyBytes).toString(), truncated: true };
}

/** A body redacted by its type: form fields, JSON keys; anything else only scrubbed of known secrets. */
function redactBody(
  redactor: Redactor,
  text: string,
  contentType: string,
  keys: ReadonlySet<string>,
): string {
  if (text === '') return text;
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) return redactor.params(text);
  return redactor.json(text, keys) ?? text;
}

/** What the middleware captured of one call, turned into an {@link ApiCall} off the request's path. */
interface CapturedCall {
  id: string;
  startedAt: number;
  method: string;
  path: string;
  query: string;
  requestHeaders: Headers;
  requestBody: Promise<string>;
  reply: Response;
  totalMs: number;
  /** The app and portal of a token the route deletes, resolved before it ran. */
  owner: Owner | null;
}

interface Owner {
  appId: number | null;
  portalId: number | null;
}

/** What the request log needs to store and announce API calls. */
export interface ApiCallLogDeps {
  store: Store;
  now(): number;
  randomUUID(): string;
  logger: EmulatorLogger;
  events: EventHub;
  /** The request log's bounds, shared with the exchanges: one log, pruned in the same write. */
  requestLog: RequestLogRetention;
}

/** Logs the apps' API calls asynchronously: a call is answered first, written after, in batches. */
export interface ApiCallLog {
  /** The hono middleware that captures calls to {@link loggedApiPrefixes}. */
  middleware: MiddlewareHandler;
  /** Resolves once every call answered so far is written (or its write failed and was reported). */
  idle(): Promise<void>;
}

/**
 * How long answered calls wait to be written together. Measured on 600 sequential developer-API
 * GETs in process: writing each at once added about 0.5 ms to the next call (p50), 5 ms batches
 * add under 0.1 ms; `GET /_spoke/requests` waits for them, so nothing reads a stale log.
 */
const apiCallLogDelayMs = 5;

const bearerOf = (header: string | null) => header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;

/**
 * Creates the API-call log. The middleware clones what it needs and lets the call go on; building
 * the entry (reading the bodies, redacting, finding the app) and the write run after the answer,
 * through the store's write queue, many calls per transaction under load. A failed write is
 * reported to the logger and never fails the call.
 */
export function createApiCallLog(deps: ApiCallLogDeps): ApiCallLog {
  const { store, logger } = deps;
  const pending: CapturedCall[] = [];
  let flushing: Promise<void> | null = null;
  /** Ends the wait before a flush at once (set while the batch is still gathering). */
  let flushSoon: (() => void) | null = null;

  async function ownerOfToken(token: string | null): Promise<Owner | null> {
    if (!token) return null;
    const found = await store.oauthTokens.get(token);
    return found ? { appId: found.appId, portalId: found.portalId } : null;
  }

  /** The app of a developer API key; of several apps sharing it, the one the path names (`…/cards-dev/{appId}`). */
  async function ownerOfKey(key: string | null, path: string): Promise<Owner | null> {
    if (!key) return null;
    const apps = (await store.apps.list()).filter((candidate) => candidate.developerApiKey === key);
    const segments = new Set(path.split('/'));
    const app = apps.find((candidate) => segments.has(String(candidate.id))) ?? apps[0];
    return app ? { appId: app.id, portalId: null } : null;
  }

  async function ownerOf(call: CapturedCall, form: URLSearchParams | null, reply: unknown): Promise<Owner> {
    if (call.owner) return call.owner;
    const tokenInPath = /^\/oauth\/v1\/(?:access|refresh)-tokens\/([^/]+)$/.exec(call.path)?.[1];
    if (tokenInPath) return (await ownerOfToken(decodeParam(tokenInPath))) ?? { appId: null, portalId: null };
    if (call.path === '/oauth/v1/token') {
      const issued = (reply as { access_token?: unknown } | null)?.access_token;
      const byToken = typeof issued === 'string' ? await ownerOfToken(issued) : null;
      if (byToken) return byToken;
      const clientId = form?.get('client_id');
      const app = clientId ? (await store.apps.list()).find((a) => clientIdOf(a) === clientId) : undefined;
      return { appId: app?.id ?? null, portalId: null };
    }
    const bearer = bearerOf(call.requestHeaders.get('authorization'));
    const hapikey = new URLSearchParams(call.query).get('hapikey');
    return (
      (await ownerOfToken(bearer)) ??
      (await ownerOfKey(hapikey ?? bearer, call.path)) ?? { appId: null, portalId: null }
    );
  }

  async function build(call: CapturedCall): Promise<ApiCall> {
    const redactor = new Redactor();
    const oauth = call.path.startsWith('/oauth/');
    const keys = oauth ? oauthSecretJsonKeys : secretJsonKeys;
    const rawRequestBody = await call.requestBody;
    const rawReplyBody = await call.reply.text();
    const requestType = call.requestHeaders.get('content-type') ?? '';
    const form = /^application\/x-www-form-urlencoded\b/i.test(requestType)
      ? new URLSearchParams(rawRequestBody)
      : null;
    let replyJson: unknown = null;
    try {
      replyJson = rawReplyBody === '' ? null : JSON.parse(rawReplyBody);
    } catch {
      replyJson = null;
    }
    const owner = await ownerOf(call, form, replyJson);

    // Named secrets first (path token, query, headers, bodies), then every one of them wherever it recurs.
    const tokenPath = /^(\/oauth\/v1\/(?:access|refresh)-tokens\/)([^/]+)$/.exec(call.path);
    const path = tokenPath ? `${tokenPath[1]}${redactor.secret(decodeParam(tokenPath[2] ?? ''))}` : call.path;
    const query = call.query === '' ? '' : `?${redactor.params(call.query)}`;
    const requestHeaders: Record<string, string> = {};
    for (const [name, value] of call.requestHeaders) {
      if (name === 'cookie') continue;
      if (name === 'authorization') {
        const [scheme = '', ...credential] = value.split(' ');
        requestHeaders[name] =
          credential.length > 0
            ? `${scheme} ${redactor.secret(credential.join(' '))}`
            : redactor.secret(value);
      } else requestHeaders[name] = value;
    }
    const requestBody = redactBody(
      redactor,
      rawRequestBody,
      requestType,
      oauth ? oauthRequestJsonKeys : keys,
    );
    const replyBody = redactBody(redactor, rawReplyBody, call.reply.headers.get('content-type') ?? '', keys);
    const replyHeaders: Record<string, string> = {};
    for (const [name, value] of call.reply.headers) if (name !== 'set-cookie') replyHeaders[name] = value;
    const scrubHeaders = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redactor.scrub(value)]));

    const status = call.reply.status;
    const ok = status >= 200 && status < 300;
    const problem = replyJson as { code?: unknown; message?: unknown; correlationId?: unknown } | null;
    const text = (value: unknown) => (typeof value === 'string' ? redactor.scrub(value) : null);
    return {
      id: call.id,
      direction: 'inbound',
      kind: apiCallKind(call.path),
      appId: owner.appId,
      portalId: owner.portalId,
      startedAt: call.startedAt,
      request: {
        method: call.method,
        url: redactor.scrub(`${path}${query}`),
        headers: scrubHeaders(requestHeaders),
        ...bounded(redactor.scrub(requestBody)),
      },
      reply: { status, headers: scrubHeaders(replyHeaders), ...bounded(redactor.scrub(replyBody)) },
      timing: { totalMs: call.totalMs },
      outcome: ok ? 'ok' : 'error',
      error: ok
        ? null
        : {
            code: text(problem?.code),
            message: text(problem?.message) ?? `${status} ${call.reply.statusText}`.trim(),
            correlationId: text(problem?.correlationId) ?? call.reply.headers.get('x-hubspot-correlation-id'),
          },
    };
  }

  async function flush(): Promise<void> {
    try {
      while (pending.length > 0) {
        const built = await Promise.all(
          pending.splice(0).map((captured) =>
            build(captured).catch((error: unknown) => {
              logger.warn(`[spoke] the API call ${captured.method} ${captured.path} could not be logged`, {
                error,
              });
              return null;
            }),
          ),
        );
        const calls = built.filter((call): call is ApiCall => call !== null);
        if (calls.length === 0) continue;
        try {
          await store.write([
            store.exchanges.putManyWrite(
              calls.map((call) => ({ id: call.id, value: call, scope: call.appId ?? '' })),
            ),
            // Retention in the same transaction, with the exchanges' bounds: one log.
            ...deps.requestLog.writes(deps.now()),
          ]);
        } catch (error) {
          logger.warn(`[spoke] ${calls.length} API call(s) could not be written to the request log`, {
            error,
          });
          continue;
        }
        for (const call of calls) deps.events.publish({ type: 'api-call', data: call });
      }
    } finally {
      flushing = null;
    }
  }

  function record(call: CapturedCall): void {
    pending.push(call);
    // Written a moment later, off the answer's path, so the calls of a busy client share one transaction.
    flushing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => flushSoon?.(), apiCallLogDelayMs);
      flushSoon = () => {
        clearTimeout(timer);
        flushSoon = null;
        resolve();
      };
    }).then(flush);
  }

  const middleware: MiddlewareHandler = async (c: Context, next) => {
    const { path } = c.req;
    // The emulator's own web UI (its Apps page reads settings through the developer API) is not the
    // app: a browser marks its calls same-origin, which no app's server sends.
    if (!isLoggedApiPath(path) || c.req.header('sec-fetch-site') === 'same-origin') return next();
    const started = performance.now();
    const startedAt = deps.now();
    const raw = c.req.raw;
    // limitBody may have read the body already (it then sits in hono's cache); else read a copy.
    const cached = (c.req.bodyCache as Record<string, Promise<unknown> | undefined>).text;
    const requestBody: Promise<string> = cached
      ? (cached as Promise<string>)
      : raw.body && !raw.bodyUsed
        ? raw.clone().text()
        : Promise.resolve('');
    requestBody.catch(() => undefined);
    // A DELETE removes the token it names: find its owner first.
    const deleted = c.req.method === 'DELETE' && /^\/oauth\/v1\/refresh-tokens\/([^/]+)$/.exec(path)?.[1];
    const owner = deleted ? await ownerOfToken(decodeParam(deleted)).catch(() => null) : null;
    await next();
    try {
      const url = new URL(raw.url);
      record({
        id: deps.randomUUID(),
        startedAt,
        method: c.req.method,
        path,
        query: url.search.slice(1),
        requestHeaders: new Headers(raw.headers),
        requestBody: requestBody.catch(() => ''),
        reply: c.res.clone(),
        totalMs: Math.round((performance.now() - started) * 10) / 10,
        owner,
      });
    } catch (error) {
      logger.warn(`[spoke] the API call ${c.req.method} ${path} could not be logged`, { error });
    }
  };

  return {
    middleware,
    async idle() {
      // Whoever waits (a listing, an export, close) has the batch written now, not after the delay.
      while (flushing) {
        flushSoon?.();
        await flushing;
      }
    },
  };
}
