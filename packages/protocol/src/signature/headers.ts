/** Carries the v1 or v2 signature (lowercase hex). docs/protocol.md §1 */
export const signatureHeader = 'X-HubSpot-Signature';
/** Names the version of `X-HubSpot-Signature`: `v1` or `v2`; absent means v1. */
export const signatureVersionHeader = 'X-HubSpot-Signature-Version';
/** Carries the v3 signature (standard base64). */
export const signatureV3Header = 'X-HubSpot-Signature-v3';
/** Epoch milliseconds the v3 signature covers, as decimal digits. */
export const requestTimestampHeader = 'X-HubSpot-Request-Timestamp';

/** A signature scheme HubSpot uses. */
export type SignatureVersion = 'v1' | 'v2' | 'v3';

/** Request headers as a fetch `Headers` or a Node-style record (names in any case). */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a header held: nothing, one value, or several different values (never silently picked from). */
export type HeaderRead =
  | { kind: 'absent' }
  | { kind: 'one'; value: string }
  | { kind: 'conflict'; values: readonly string[] };

function isHeaders(source: HeaderSource): source is Headers {
  return typeof (source as Headers).get === 'function' && typeof (source as Headers).forEach === 'function';
}

function rawValues(source: HeaderSource, name: string): string[] {
  if (isHeaders(source)) {
    const value = source.get(name);
    return value === null ? [] : [value];
  }
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const key of Object.keys(source)) {
    // Lengths first: most names differ in length, and lower-casing every key costs on each request.
    if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
    const value = source[key];
    if (value === undefined) continue;
    values.push(...(typeof value === 'string' ? [value] : value));
  }
  return values;
}

/**
 * Reads a header case-insensitively. Repeated headers (array values or comma-joined, as `Headers`
 * joins them) that disagree come back as a conflict; none of these headers can contain a comma.
 */
export function readHeader(source: HeaderSource, name: string): HeaderRead {
  const raw = rawValues(source, name);
  // The usual case, one value without a comma, skips the split-and-dedupe below (hot path).
  if (raw.length === 0) return { kind: 'absent' };
  const [only] = raw;
  if (raw.length === 1 && only !== undefined && only !== '' && !only.includes(',')) {
    return { kind: 'one', value: only };
  }
  const parts = raw.flatMap((value) =>
    value.includes(',') ? value.split(',').map((part) => part.trim()) : [value],
  );
  // An empty value carries nothing to verify; keep the rest byte-exact so odd values are refused.
  const distinct = [...new Set(parts.filter((part) => part !== ''))];
  const [first] = distinct;
  if (first === undefined) return { kind: 'absent' };
  if (distinct.length > 1) return { kind: 'conflict', values: distinct };
  return { kind: 'one', value: first };
}

/** The four signature headers of one request. */
export type SignatureHeaders = {
  v3: HeaderRead;
  timestamp: HeaderRead;
  hex: HeaderRead;
  version: HeaderRead;
};

const absent: HeaderRead = Object.freeze({ kind: 'absent' });
// Literals, not computed: V8 interns them, so comparing with a key Node interned too is one
// pointer check. The header tests check them against the names above.
const v3Name = 'x-hubspot-signature-v3';
const timestampName = 'x-hubspot-request-timestamp';
const hexName = 'x-hubspot-signature';
const versionName = 'x-hubspot-signature-version';

/** Where a name was found while scanning a record: not yet, once (its value), or more than once. */
const several = Symbol('several');
type Seen = undefined | string | readonly string[] | typeof several;

function settle(source: HeaderSource, name: string, seen: Seen): HeaderRead {
  if (seen === undefined) return absent;
  // One plain value: the hot path; anything else (arrays, repeats, commas, empty) is rare.
  if (typeof seen === 'string' && seen !== '' && !seen.includes(',')) return { kind: 'one', value: seen };
  return readHeader(source, name);
}

/**
 * Reads the signature headers with what `readHeader` would give for each, but from a plain record
 * in one pass over its keys (the per-request path: `readHeader` walks every key once per name).
 */
export function readSignatureHeaders(source: HeaderSource): SignatureHeaders {
  if (isHeaders(source)) {
    return {
      v3: readHeader(source, signatureV3Header),
      timestamp: readHeader(source, requestTimestampHeader),
      hex: readHeader(source, signatureHeader),
      version: readHeader(source, signatureVersionHeader),
    };
  }
  let v3: Seen;
  let timestamp: Seen;
  let hex: Seen;
  let version: Seen;
  // for…in walks the object's cached key list without building an array; `Object.hasOwn` keeps it
  // to the own keys `readHeader` reads.
  for (const key in source) {
    const length = key.length;
    // Only these lengths can name a signature header: most keys are skipped on their length alone.
    if (length !== 22 && length !== 27 && length !== 19) continue;
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    if (value === undefined) continue;
    // Node hands names over in lower case, so most keys match without lower-casing.
    const name =
      key === v3Name || key === timestampName || key === hexName || key === versionName
        ? key
        : key.toLowerCase();
    if (name === v3Name) v3 = v3 === undefined ? value : several;
    else if (name === timestampName) timestamp = timestamp === undefined ? value : several;
    else if (name === hexName) hex = hex === undefined ? value : several;
    else if (name === versionName) version = version === undefined ? value : several;
  }
  return {
    v3: settle(source, signatureV3Header, v3),
    timestamp: settle(source, requestTimestampHeader, timestamp),
    hex: settle(source, signatureHeader, hex),
    version: settle(source, signatureVersionHeader, version),
  };
}
