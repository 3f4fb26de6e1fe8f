// The corpus's vocabulary: expectations, the case shape, the seeded PRNG and the schema oracles.
import { cardFetchQuerySchema, channelConnectionRequestSchema, shareViaSchemas } from '@spoke/protocol';
import { hardeningBodyLimit, routes } from './app.ts';
import type { SendOptions } from './raw-http.ts';
import { type JsonKind, type RequestSpec, validSpecs } from './requests.ts';
import type { FieldPath } from './schema-fields.ts';
import type { AdapterName } from './servers.ts';

/** What a case must get: accepted (200, its handler called once) or refused (status, code, no call). */
export type Expectation =
  | { readonly outcome: 'accepted' }
  | {
      readonly outcome: 'refused';
      readonly status: number;
      /** The JSON error code; absent when a host answers (its HTTP parser or router) without one. */
      readonly code?: string;
      /** Also fine: the server closed the connection without answering (the client is gone anyway). */
      readonly orClosed?: boolean;
    };

/** Where a host (Node's HTTP parser, Express, Fastify) answers before Spoke, and why. */
export type HostExpectation = Expectation & { readonly why: string };

/** The classes of the corpus, in report order. */
export const caseClasses = [
  'valid',
  'missing-signature',
  'malformed-json',
  'deep-json',
  'huge-values',
  'wrong-type',
  'duplicate-headers',
  'case-mangled',
  'truncated-body',
  'bad-content-length',
  'oversize-body',
  'slow-body',
  'wrong-content-type',
  'wrong-signature-target',
  'replayed-timestamp',
  'strict-mode',
  'routing',
] as const;
export type CaseClass = (typeof caseClasses)[number];

/** What each class sends, for the report. */
export const classDescriptions: Record<CaseClass, string> = {
  valid: 'well-formed requests of every kind and encoding, signed v1 (bodies), v2, v3 and v2+v3',
  'missing-signature': 'no signature headers, only timestamp and version, or empty signature values',
  'malformed-json':
    'broken JSON, non-object JSON, invalid UTF-8, a BOM, valid bodies cut short (all validly signed)',
  'deep-json': 'arrays and objects nested 1k, 10k and 50k deep, as the body or inside a field',
  'huge-values':
    '1e400, 2^53+1, 30-digit and 5000-digit numbers, 16-200 KiB strings, long digit strings in queries, a 20 KiB query',
  'wrong-type':
    'every field of every message kind (from the protocol schemas) set to a wrong type or left out',
  'duplicate-headers': 'signature, timestamp and version headers repeated with the same or different values',
  'case-mangled': 'header names in random case (accepted), signature values case-flipped (refused)',
  'truncated-body': 'Content-Length larger than the bytes sent, then the client closes its side',
  'bad-content-length':
    'non-numeric, negative, repeated or too-short Content-Length; Content-Length with chunked',
  'oversize-body': 'bodies over bodyLimit, declared or chunked, and a 1 TB Content-Length',
  'slow-body': 'bodies trickled or stalled past bodyTimeout (300 ms here)',
  'wrong-content-type':
    'JSON bodies under other, malformed or missing content types; action-hook bodies mislabelled',
  'wrong-signature-target': 'signed for another secret, path, query, scheme, host, method or body',
  'replayed-timestamp': 'v3 timestamps stale, in the future, non-numeric or missing',
  'strict-mode': 'v1 or v2 only against the defaults (v3 required), and v3 there',
  routing:
    'unknown paths, wrong methods, HEAD, dot segments, an unknown method token, an absolute-form target',
};

/** One hostile (or control) request with the outcome it must get. */
export interface HostileCase {
  readonly id: string;
  readonly kind: CaseClass;
  readonly variant: string;
  readonly spec: RequestSpec;
  readonly send?: Omit<SendOptions, 'deadlineMs'>;
  /** Which app gets it. @default 'normal' (bodyTimeout left at its 10 s default) */
  readonly app?: CorpusApp;
  readonly expect: Expectation;
  readonly hosts?: Partial<Record<AdapterName, HostExpectation>>;
}

/**
 * The apps a corpus runs against on each adapter: the normal one (defaults: v3 only), one that
 * also accepts the legacy v2 and v1 signatures (`acceptSignatureVersions`), and one
 * with a short bodyTimeout for the slow-body cases only (so a large body on a loaded machine
 * never runs into it).
 */
export type CorpusApp = 'normal' | 'legacy' | 'short-body-timeout';

/** bodyTimeout of the `short-body-timeout` app, ms: short so slow-body cases stay quick. */
export const corpusBodyTimeoutMs = 300;

/** Shorthands for expectations and content types the case builders share. */
export const accepted: Expectation = { outcome: 'accepted' };
export const refused = (status: number, code?: string, orClosed?: boolean): Expectation => ({
  outcome: 'refused',
  status,
  ...(code === undefined ? {} : { code }),
  ...(orClosed ? { orClosed } : {}),
});
export const invalid = refused(400, 'REQUEST_INVALID');
export const malformed = refused(400, 'REQUEST_MALFORMED_JSON');
export const json = 'application/json';
export const form = 'application/x-www-form-urlencoded';

/** A small seeded PRNG (mulberry32): the same seed gives the same corpus. */
export function prng(seed: number): {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
} {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

// --- oracles: what the protocol schemas say about a body (the framework must agree) ---

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

export function schemaOf(kind: JsonKind): { safeParse(value: unknown): { success: boolean } } {
  if (kind.path === routes.calls) return channelConnectionRequestSchema;
  const event = kind.path.split('/').at(-1) as keyof typeof shareViaSchemas;
  return shareViaSchemas[event].request;
}

/** A JSON kind's verdict on a body: malformed unless UTF-8 JSON, invalid unless its schema accepts. */
export function jsonVerdict(kind: JsonKind, body: string | Uint8Array): Expectation {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  if (bytes.byteLength > hardeningBodyLimit) return refused(413, 'REQUEST_BODY_TOO_LARGE');
  let value: unknown;
  try {
    // A UTF-8 byte order mark is dropped by the decoder, as the framework's is.
    value = JSON.parse(fatalUtf8.decode(bytes));
  } catch {
    return malformed;
  }
  return schemaOf(kind).safeParse(value).success ? accepted : invalid;
}

/** Action-hook fields: first query value wins, then the body's fields (numbers and booleans as text). */
export function fieldsVerdict(query: string, body?: Record<string, unknown>): Expectation {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(query)) if (!(key in fields)) fields[key] = value;
  for (const [key, value] of Object.entries(body ?? {})) {
    fields[key] = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
  return cardFetchQuerySchema.safeParse(fields).success ? accepted : invalid;
}

/** A field path as text, for case names. */
export const dotted = (path: FieldPath) => path.join('.');

/** The value at a field path, or undefined. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const key of path)
    node =
      typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** One request per route kind and encoding, for classes whose point is the headers, not the body. */
export function coreSpecs(): { name: string; spec: RequestSpec }[] {
  const names = [
    'crm-card fetch',
    'action-hook GET query',
    'action-hook POST form',
    'action-hook PATCH query + JSON (converter)',
    'channel-connection',
    'share-via SHARE_OBJECT',
  ];
  return validSpecs().filter(({ name }) => names.includes(name));
}

/** Rewrites a request's header lines (see `RequestSpec.editHeaders`). */
export type HeaderEdit = (headers: [string, string][]) => [string, string][];

/** Repeats the header `name` with `value` right after it. */
export const repeat =
  (name: string, value: (original: string) => string): HeaderEdit =>
  (headers) =>
    headers.flatMap(([n, v]): [string, string][] =>
      n.toLowerCase() === name
        ? [
            [n, v],
            [n, value(v)],
          ]
        : [[n, v]],
    );

/** Swaps upper and lower case. */
export const flip = (text: string) =>
  [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** Repeats the header `name` right after it, under another spelling `as`. */
export function repeatAs(name: string, as: string, value: (original: string) => string): HeaderEdit {
  return (headers) =>
    headers.flatMap(([n, v]): [string, string][] =>
      n.toLowerCase() === name
        ? [
            [n, v],
            [as, value(v)],
          ]
        : [[n, v]],
    );
}

/** Replaces the value of the header `name`. */
export function replace(name: string, value: (original: string) => string): HeaderEdit {
  return (headers) =>
    headers.map(([n, v]): [string, string] => (n.toLowerCase() === name ? [n, value(v)] : [n, v]));
}

/** The valid requests that carry a body. */
export function bodySpecs(): { name: string; spec: RequestSpec }[] {
  return validSpecs().filter(({ spec }) => spec.body !== undefined);
}
