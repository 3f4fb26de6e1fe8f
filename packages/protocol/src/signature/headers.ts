/** Carries the v1 or v2 signature (lowercase hex). SPEC.md §1 */
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
