import {
  type ActionHookReply,
  type ChannelConnectionRequest,
  type ChannelConnectionResponse,
  type defaultParamNames,
  encodeQueryFields,
  type HookMethod,
  type LegacyCardResponse,
  limits,
  type PlatformMode,
  type ShareViaEvent,
  type SignatureBody,
  type SignatureVersion,
  shareViaEventPath,
  sign,
  type V3UrlForm,
} from '@spoke/protocol';
import type { Clock } from '../clock.ts';
import type { SpokeApp } from '../spoke-app.ts';
import { type TestResponse, toTestResponse } from './test-response.ts';

/** Options of {@link createTestClient}. */
export interface TestClientOptions {
  /** The secret to sign with (the app's, or another to test refusals). */
  clientSecret: string;
  /** Time for v3 timestamps. @default the system clock */
  clock?: Pick<Clock, 'now'>;
  /** Origin (and base path) requests go to and are signed for. @default app.publicUrl ?? 'http://localhost' */
  baseUrl?: string;
  /** How action-hook fields travel and whether `appId` is added. docs/protocol.md §2.4. @default 'legacy' */
  mode?: PlatformMode;
  /** Sends the request. @default app.fetch (in-process); pass `fetch` to go over a socket */
  fetch?: (request: Request) => Promise<Response>;
  /** Portal id used in defaults. @default 62515 */
  portalId?: number;
  /** App id used in defaults (Share Via, channel connection, converter `appId`). @default 54321 */
  appId?: number;
}

/** The five default parameters of a data fetch or action hook; numbers may be given as numbers. */
export type DefaultParams = Record<(typeof defaultParamNames)[number], string | number>;

/** Options of `client.cardFetch`. */
export interface CardFetchOptions {
  /** Overrides of the default parameters. */
  params?: Partial<DefaultParams>;
  /** The record's properties the card asked for (`propertiesToSend`). */
  properties?: Record<string, string>;
}

/** Options of `client.actionHook`. */
export interface ActionHookCallOptions {
  /** @default 'POST' */
  method?: HookMethod;
  /** Where the fields go. @default query for GET/DELETE; form (legacy) or json (converter) otherwise */
  encoding?: 'query' | 'form' | 'json';
  /** Fields sent besides (or overriding) the default parameters: the action's associatedObjectProperties. */
  fields?: Record<string, string | number>;
}

/** Options of `client.shareVia`. */
export interface ShareViaCallOptions {
  /** `older` sends CHECK_PERMISSIONS with `requiredPermissions` at the top level. @default 'current' */
  shape?: 'current' | 'older';
}

/** What to sign differently from what is sent, to test refusals. */
export interface SignOverrides {
  /** @default 'all' (v2 + v3, as the platform sends) */
  version?: SignatureVersion | 'all';
  secret?: string;
  timestamp?: number;
  method?: string;
  url?: string;
  body?: SignatureBody;
  /**
   * Which URL v3 covers. @default 'raw' in converter mode (as `hubspot.fetch` signs it),
   * 'decoded' in legacy mode (as HubSpot's docs say). docs/decisions/0011
   */
  v3UrlForm?: V3UrlForm;
}

/** Options of `client.request`: anything, including hostile requests. */
export interface RawRequestOptions {
  /** @default 'GET' */
  method?: string;
  /** Path and query after `baseUrl`. */
  path: string;
  /** Sent as is (string as UTF-8). */
  body?: string | Uint8Array;
  /** Set after signing, so they can replace signature headers. */
  headers?: Record<string, string>;
  /** Header names removed after signing. */
  omitHeaders?: readonly string[];
  /** `false` sends no signature. @default signs what is sent, v2 + v3 */
  sign?: false | SignOverrides;
}

/** A test client for an app: signs like the platform and returns parsed replies. */
export interface TestClient {
  /** The URL a path is sent to and signed for. */
  url(path: string): string;
  cardFetch(path: string, options?: CardFetchOptions): Promise<TestResponse<LegacyCardResponse>>;
  actionHook(path: string, options?: ActionHookCallOptions): Promise<TestResponse<ActionHookReply>>;
  shareVia(
    basePath: string,
    event: ShareViaEvent,
    payload: unknown,
    options?: ShareViaCallOptions,
  ): Promise<TestResponse<{ portalId: number; appId: number; eventType: ShareViaEvent; payload: unknown }>>;
  channelConnection(
    path: string,
    body?: Partial<ChannelConnectionRequest>,
  ): Promise<TestResponse<ChannelConnectionResponse>>;
  request<T = unknown>(options: RawRequestOptions): Promise<TestResponse<T>>;
}

const defaults = { userId: 1234, userEmail: 'user@example.com', associatedObjectId: 53701 } as const;

/**
 * Builds correctly signed (v2 + v3) platform requests for every message kind and sends them
 * through `app.fetch` (or `options.fetch`).
 * @example
 * const client = createTestClient(app, { clientSecret: 'test-secret' });
 * const { status, body } = await client.cardFetch('/hubspot/card', { properties: { email: 'a@b.co' } });
 */
export function createTestClient(app: SpokeApp, options: TestClientOptions): TestClient {
  const base = (options.baseUrl ?? app.publicUrl ?? 'http://localhost').replace(/\/+$/, '');
  const send = options.fetch ?? app.fetch;
  const now = () => (options.clock ?? Date).now();
  const mode = options.mode ?? 'legacy';
  const portalId = options.portalId ?? 62515;
  const appId = options.appId ?? 54321;
  const defaultParams: DefaultParams = { ...defaults, associatedObjectType: 'CONTACT', portalId };

  const request = async <T>(raw: RawRequestOptions): Promise<TestResponse<T>> => {
    const method = (raw.method ?? 'GET').toUpperCase();
    const url = `${base}${raw.path}`;
    const body = raw.body ?? '';
    const headers = new Headers({
      'user-agent': 'HubSpot Connect 2.0 (Spoke test client)',
      'x-hubspot-correlation-id': crypto.randomUUID(),
      'x-hubspot-timeout-millis': String(limits.totalDeadlineMs),
    });
    if (raw.sign !== false) {
      const overrides = raw.sign ?? {};
      const signed = sign({
        version: overrides.version ?? 'all',
        secret: overrides.secret ?? options.clientSecret,
        method: overrides.method ?? method,
        url: overrides.url ?? url,
        body: overrides.body ?? body,
        timestamp: overrides.timestamp ?? now(),
        v3UrlForm: overrides.v3UrlForm ?? (mode === 'converter' ? 'raw' : 'decoded'),
      });
      for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    }
    for (const [name, value] of Object.entries(raw.headers ?? {})) headers.set(name, value);
    for (const name of raw.omitHeaders ?? []) headers.delete(name);
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return toTestResponse<T>(await send(new Request(url, { method, headers, ...(hasBody ? { body } : {}) })));
  };

  // Written as the emulator writes it: legacy escapes like encodeURIComponent but leaves `@`
  // (docs/protocol.md §2.2); the converter encodes like URLSearchParams, drops empty values and
  // adds appId (docs/protocol.md §2.4).
  const query = (fields: Record<string, string | number>): string => {
    const entries: [string, string][] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (mode === 'converter' && value === '') continue;
      entries.push([key, String(value)]);
    }
    if (mode === 'converter' && !entries.some(([key]) => key === 'appId'))
      entries.push(['appId', String(appId)]);
    return encodeQueryFields(entries, mode === 'converter' ? 'form' : 'component');
  };
  const withQuery = (path: string, text: string) =>
    text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
  const json = <T>(path: string, value: unknown) =>
    request<T>({
      method: 'POST',
      path,
      body: JSON.stringify(value),
      headers: { 'content-type': 'application/json' },
    });
  const strings = (fields: Record<string, string | number>) =>
    Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]);

  return {
    url: (path) => `${base}${path}`,
    cardFetch: (path, fetchOptions = {}) =>
      request({
        path: withQuery(
          path,
          query({ ...defaultParams, ...fetchOptions.params, ...fetchOptions.properties }),
        ),
      }),
    actionHook: (path, hook = {}) => {
      const method = hook.method ?? 'POST';
      const fields = { ...defaultParams, ...hook.fields };
      const encoding =
        hook.encoding ??
        (method === 'GET' || method === 'DELETE' ? 'query' : mode === 'converter' ? 'json' : 'form');
      // The converter always puts the fields in the query too; legacy only for GET/DELETE.
      const inQuery = encoding === 'query' || mode === 'converter';
      const target = inQuery ? withQuery(path, query(fields)) : path;
      if (encoding === 'query') return request({ method, path: target });
      if (encoding === 'json') {
        const body = Object.fromEntries(strings(fields));
        return request({
          method,
          path: target,
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
      }
      const form = new URLSearchParams(strings(fields));
      return request({
        method,
        path: target,
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
    shareVia: (basePath, event, payload, shareOptions = {}) => {
      const path = `${basePath.replace(/\/+$/, '')}${shareViaEventPath(event)}`;
      const older = shareOptions.shape === 'older' && typeof payload === 'object' && payload !== null;
      return json(path, older ? { portalId, appId, ...payload } : { portalId, appId, payload });
    },
    channelConnection: (path, body = {}) => json(path, { appId, portalId, userId: defaults.userId, ...body }),
    request,
  };
}
