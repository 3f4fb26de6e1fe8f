import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Written from HubSpot's "Validating requests" docs, as an app would, without Spoke.

/** v2: hex(sha256(secret + METHOD + url + body)). */
export function v2Signature(secret: string, method: string, url: string, body: string): string {
  return createHash('sha256').update(`${secret}${method}${url}${body}`).digest('hex');
}

// The escapes HubSpot decodes in the URL before computing v3.
const decoded: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/**
 * v3: base64(hmacSha256(secret, METHOD + decodedUrl + body + timestamp)), as HubSpot's docs say;
 * with `raw`, over the URL as received, as HubSpot's SDK computes it.
 */
export function v3Signature(
  secret: string,
  method: string,
  url: string,
  body: string,
  timestamp: string,
  raw = false,
): string {
  const uri = raw
    ? url
    : url.replace(
        /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
        (match) => decoded[match.toUpperCase()] ?? match,
      );
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A careful v3 check: the header present, the timestamp canonical epoch ms within five minutes
 * either way, the signature compared in constant time. Returns why it fails, or null. By the docs
 * alone the URL is decoded first; `alsoRaw` also accepts v3 over the raw URL, as HubSpot's SDK and
 * local dev sign converter calls (decision 0011).
 */
export function checkV3(options: {
  secret: string;
  method: string;
  url: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  now?: number;
  alsoRaw?: boolean;
}): string | null {
  const signature = options.headers['x-hubspot-signature-v3'];
  const timestamp = options.headers['x-hubspot-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'MISSING_SIGNATURE';
  if (!/^[1-9]\d{0,15}$/.test(timestamp)) return 'BAD_TIMESTAMP';
  if (Math.abs((options.now ?? Date.now()) - Number(timestamp)) > 300_000) return 'STALE_TIMESTAMP';
  const { secret, method, url, body } = options;
  const decodedOk = same(v3Signature(secret, method, url, body, timestamp), signature);
  const rawOk =
    options.alsoRaw === true && same(v3Signature(secret, method, url, body, timestamp, true), signature);
  return decodedOk || rawOk ? null : 'SIGNATURE_MISMATCH';
}

/** Compares a v2 header with the signature the secret gives, in constant time. */
export function checkV2(secret: string, method: string, url: string, body: string, header: unknown): boolean {
  return typeof header === 'string' && same(v2Signature(secret, method, url, body), header);
}
