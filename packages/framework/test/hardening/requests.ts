import { type SignatureVersion, sign } from '@spoke/protocol';
import { caseHeader, hardeningSecret, routes } from './app.ts';
import type { RawRequest } from './raw-http.ts';

/** What to sign, when it differs from what is sent (to build refusals). */
export interface Signing {
  /** @default 'all' (v2 + v3, as HubSpot sends) */
  readonly version?: SignatureVersion | 'all';
  readonly secret?: string;
  readonly method?: string;
  /** A path (joined to the origin) or an absolute URL. */
  readonly url?: string;
  readonly body?: string | Uint8Array;
  /** Epoch ms, as an offset from now. @default 0 */
  readonly timestampOffsetMs?: number;
}

/** A request before it becomes bytes: what a corpus case or a property describes. */
export interface RequestSpec {
  readonly method: string;
  /** Path and query, as sent on the request line. */
  readonly target: string;
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  /** `false` sends no signature headers. @default signs what is sent */
  readonly signing?: Signing | false;
  /** Applied last to the header list: mangle names, duplicate, drop or replace lines. */
  readonly editHeaders?: (headers: [string, string][]) => [string, string][];
  /** The Content-Length header value; `null` leaves it out. @default the body's length when there is a body */
  readonly contentLength?: string | null;
}

const utf8 = new TextEncoder();

/** The body as bytes. */
export function bytesOf(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? utf8.encode(body) : body;
}

/**
 * Turns a spec into the bytes of a request to `origin`, signed (unless told otherwise) for
 * `origin + target`, with `Connection: close` and the case id header.
 */
export function buildRequest(
  origin: string,
  caseId: string,
  spec: RequestSpec,
  now = Date.now(),
): RawRequest {
  const body = bytesOf(spec.body);
  const headers: [string, string][] = [
    ['Host', new URL(origin).host],
    ['Connection', 'close'],
    [caseHeader, caseId],
    ['User-Agent', 'HubSpot Connect 2.0 (Spoke hardening)'],
  ];
  if (spec.contentType !== undefined) headers.push(['Content-Type', spec.contentType]);
  const length = spec.contentLength === undefined ? lengthFor(spec.method, body) : spec.contentLength;
  if (length !== null) headers.push(['Content-Length', length]);
  if (spec.signing !== false) {
    const signing = spec.signing ?? {};
    const url = signing.url ?? spec.target;
    const signed = sign({
      version: signing.version ?? 'all',
      secret: signing.secret ?? hardeningSecret,
      method: signing.method ?? spec.method,
      url: /^https?:\/\//.test(url) ? url : `${origin}${url}`,
      body: signing.body ?? body,
      timestamp: now + (signing.timestampOffsetMs ?? 0),
    });
    headers.push(...Object.entries(signed));
  }
  const edited = spec.editHeaders ? spec.editHeaders(headers) : headers;
  return { method: spec.method, target: spec.target, headers: edited, body };
}

function lengthFor(method: string, body: Uint8Array): string | null {
  if (body.byteLength > 0) return String(body.byteLength);
  return method === 'GET' || method === 'HEAD' ? null : '0';
}

// --- valid messages, as the platform sends them ---

/** The five default parameters of a data fetch or action hook. docs/protocol.md §2.2 */
export const defaultFields: Readonly<Record<string, string>> = {
  userId: '1234',
  userEmail: 'user@example.com',
  associatedObjectId: '53701',
  associatedObjectType: 'CONTACT',
  portalId: '62515',
};

/** A query string of fields, in order (URLSearchParams encoding). */
export function queryOf(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

/** Share Via request payloads (current shape). docs/protocol.md §3 */
export const shareViaSamples = {
  CHECK_PERMISSIONS: { requiredPermissions: ['upload-file'] },
  FETCH_RECIPIENTS: { recipientsFilter: { type: 1, name: 'Rec' }, limit: 5, nextPageAfter: 'cursor' },
  FETCH_RECIPIENT: { id: 'R3', type: 0 },
  SHARE_OBJECT: {
    sender: { id: 2387654 },
    recipient: { id: 'R2', name: 'Recipient Two', type: 1 },
    message: 'Weekly numbers',
    objectMetadata: { id: 2334567, type: 2, name: 'Chat Conversations', screenshotUrl: 'https://e.x/s.png' },
  },
} as const;

/** The channel-connection webhook body. docs/protocol.md §4.2 */
export const channelSample = { appId: 20, portalId: 10, userId: 5 } as const;

/** The path of a Share Via event on the hardening app. */
export function sharePath(event: keyof typeof shareViaSamples): string {
  return `${routes.share}/feature/SHARE_VIA/event/${event}`;
}

/** A JSON message kind of the hardening app: where it goes and a valid body. */
export interface JsonKind {
  readonly name: string;
  readonly path: string;
  readonly sample: Record<string, unknown>;
}

/** Every JSON-bodied kind: the channel connection and the four Share Via events. */
export const jsonKinds: readonly JsonKind[] = [
  { name: 'channel-connection', path: routes.calls, sample: { ...channelSample } },
  ...(Object.keys(shareViaSamples) as (keyof typeof shareViaSamples)[]).map((event) => ({
    name: `share-via ${event}`,
    path: sharePath(event),
    sample: { portalId: 62515, appId: 54321, payload: structuredClone(shareViaSamples[event]) },
  })),
];

/** A validly signed, well-formed request of every kind and encoding: what must be accepted. */
export function validSpecs(): { name: string; spec: RequestSpec }[] {
  const query = queryOf(defaultFields);
  const json = 'application/json';
  const form = 'application/x-www-form-urlencoded';
  return [
    { name: 'crm-card fetch', spec: { method: 'GET', target: `${routes.card}?${query}` } },
    { name: 'action-hook GET query', spec: { method: 'GET', target: `${routes.hook}?${query}` } },
    { name: 'action-hook DELETE query', spec: { method: 'DELETE', target: `${routes.hook}?${query}` } },
    {
      name: 'action-hook POST form',
      spec: { method: 'POST', target: routes.hook, body: query, contentType: form },
    },
    {
      name: 'action-hook PUT form',
      spec: { method: 'PUT', target: routes.hook, body: query, contentType: form },
    },
    {
      name: 'action-hook PATCH query + JSON (converter)',
      spec: {
        method: 'PATCH',
        target: `${routes.hook}?${query}&appId=777`,
        body: JSON.stringify(defaultFields),
        contentType: json,
      },
    },
    ...jsonKinds.map((kind) => ({
      name: kind.name,
      spec: { method: 'POST', target: kind.path, body: JSON.stringify(kind.sample), contentType: json },
    })),
  ];
}
