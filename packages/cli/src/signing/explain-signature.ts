import {
  limits,
  type ProtocolErrorCode,
  readHeader,
  requestTimestampHeader,
  type SignatureVersion,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
  sourceV1,
  sourceV2,
  sourceV3,
  type V3UrlMatch,
  v3UrlText,
  verifySignature,
} from '@spoke/protocol';
import { signatureVariants } from './signature-variants.ts';

/** A captured request to explain. Headers keep every value a repeated header had. */
export interface CapturedRequest {
  secret: string;
  method: string;
  url: string;
  body: Buffer;
  headers: Readonly<Record<string, readonly string[]>>;
  /** When the request is judged, epoch ms. */
  now: number;
}

/** The check of one signature version the request carried. */
export interface VersionCheck {
  version: SignatureVersion;
  ok: boolean;
  code: ProtocolErrorCode | null;
  message: string | null;
  /**
   * The exact string hashed, secret elided as `<secret>` (v3 uses the secret as HMAC key). For v3,
   * the URL with the twelve escapes decoded (HubSpot's docs).
   */
  hashed: string | null;
  /**
   * v3 only, when the URL holds one of the twelve escapes: the string hashed over the raw URL, as
   * HubSpot's official client and its local-dev proxy for `hubspot.fetch` sign it. Otherwise null.
   */
  hashedRaw: string | null;
  /** v3 only: which URL form the signature matched (`same` when the two are one string), or null. */
  v3UrlForm: V3UrlMatch | null;
  /** v3 only, when the two URL forms differ: which one matched and what that means. Otherwise null. */
  urlNote: string | null;
  /** What to try, from guesses that reproduce the received signature or from the failure itself. */
  hints: string[];
}

/** Everything `spoke verify` reports. */
export interface SignatureExplanation {
  /** What a service following docs/protocol.md concludes (v3 when present, else v2/v1). */
  ok: boolean;
  version: SignatureVersion | null;
  code: ProtocolErrorCode | null;
  message: string | null;
  timestamp: string | null;
  /** now − timestamp, when the timestamp is digits. */
  timestampAgeMs: number | null;
  checks: VersionCheck[];
}

function pick(
  headers: CapturedRequest['headers'],
  names: readonly string[],
): Record<string, readonly string[]> {
  const wanted = names.map((name) => name.toLowerCase());
  return Object.fromEntries(Object.entries(headers).filter(([name]) => wanted.includes(name.toLowerCase())));
}

function hashedSource(version: SignatureVersion, request: CapturedRequest, timestamp: string): string {
  const { method, url, body } = request;
  if (version === 'v1') return sourceV1({ body });
  if (version === 'v2') return sourceV2({ method, url, body });
  return sourceV3({ method, url, body, timestamp });
}

function hintsFor(
  version: SignatureVersion,
  request: CapturedRequest,
  code: ProtocolErrorCode,
  received: string,
  timestamp: string,
): string[] {
  if (code === 'SIGNATURE_TIMESTAMP_STALE' || code === 'SIGNATURE_TIMESTAMP_FUTURE') {
    const atSigning = verifySignature({
      ...request,
      headers: pick(request.headers, [signatureV3Header, requestTimestampHeader]),
      now: Number(timestamp),
    });
    return atSigning.ok
      ? [
          `The signature is right for its timestamp; only the age is outside ±${limits.maxClockSkewMs} ms. Re-send with a fresh timestamp (spoke trigger) or sync clocks (NTP).`,
        ]
      : [
          'The timestamp is outside the window and the signature does not match either; fix the timestamp first, then run verify again with --now set to the capture time.',
        ];
  }
  if (code === 'SIGNATURE_TIMESTAMP_INVALID')
    return [
      'Send X-HubSpot-Request-Timestamp as epoch milliseconds in decimal digits, e.g. String(Date.now()).',
    ];
  if (code === 'SIGNATURE_TIMESTAMP_MISSING')
    return [`Pass the ${requestTimestampHeader} header that came with the v3 signature.`];
  if (code !== 'SIGNATURE_MISMATCH') return [];
  const inputs = {
    method: request.method,
    url: request.url,
    body: request.body,
    timestamp,
    headers: request.headers,
  };
  const matches = signatureVariants(version, inputs, received).filter(
    (variant) => variant.signature(request.secret) === received,
  );
  if (matches.length > 0)
    return matches.slice(0, 3).map((variant) => `Matches with ${variant.what}: ${variant.advice}`);
  return [
    "No single change reproduces the signature. Tried: the other scheme, host (including the request's Host and X-Forwarded-Host), port and path prefix, the query dropped or decoded, another method, the body re-serialised, hex for base64 and back, an HMAC of the body alone. Most likely the client secret differs (the app's Auth settings in HubSpot), or two of these changed at once: run verify again with --url set to the URL the sender called.",
  ];
}

function checkVersion(
  request: CapturedRequest,
  version: SignatureVersion,
  names: readonly string[],
  received: string,
  timestamp: string,
): VersionCheck {
  // Each version's own computation is explained, v1 and v2 included; the overall verdict below is
  // what a service with the default (v3 only) decides.
  const result = verifySignature({
    ...request,
    headers: pick(request.headers, names),
    acceptVersions: ['v1', 'v2', 'v3'],
  });
  const hashed =
    version === 'v3' && !/^\d+$/.test(timestamp) ? null : hashedSource(version, request, timestamp);
  const twoForms =
    version === 'v3' && hashed !== null && v3UrlText(request.url, 'raw') !== v3UrlText(request.url);
  const hashedRaw = twoForms ? sourceV3({ ...request, timestamp, urlForm: 'raw' }) : null;
  const v3UrlForm = result.ok ? (result.v3UrlForm ?? null) : null;
  const forms = {
    hashed,
    hashedRaw,
    v3UrlForm,
    urlNote: twoForms ? urlNote(v3UrlForm, result.ok ? null : result.code) : null,
  };
  if (result.ok) return { version, ok: true, code: null, message: null, ...forms, hints: [] };
  return {
    version,
    ok: false,
    code: result.code,
    message: result.message,
    ...forms,
    hints: hintsFor(version, request, result.code, received, timestamp),
  };
}

/**
 * HubSpot's validation docs decode twelve escapes before hashing a v3 URL; its official client
 * (`@hubspot/api-client`, `Signature`) and its local-dev proxy for `hubspot.fetch` hash the URL as
 * sent. A URL with `%40` (every converter call's userEmail) gives two different signatures.
 * docs/decisions/0011
 */
function urlNote(form: V3UrlMatch | null, code: ProtocolErrorCode | null): string {
  const disagree =
    "HubSpot's validation docs decode %40, %3A, %2F and nine other escapes before hashing the URL; its official Node client (@hubspot/api-client) and its local-dev proxy for hubspot.fetch hash the URL as sent, so the two give different v3 signatures for this URL.";
  if (form === 'raw')
    return `matched the raw URL (as hubspot.fetch signs through HubSpot's SDK). ${disagree} A service that decodes first, as the docs say, answers 401; Spoke's verifier accepts both.`;
  if (form === 'decoded')
    return `matched the decoded URL (as HubSpot's docs say, and as legacy CRM cards sign). ${disagree} A service checking with Signature.isValid from @hubspot/api-client answers 401; Spoke's verifier accepts both.`;
  if (code === 'SIGNATURE_MISMATCH') return `neither URL form matched: Spoke tried both. ${disagree}`;
  return `${disagree} Spoke's verifier tries both once the rest of the request checks out.`;
}

/** Checks every signature a captured request carries and says why each one fails and what to try. */
export function explainSignature(request: CapturedRequest): SignatureExplanation {
  const v3 = readHeader(request.headers, signatureV3Header);
  const hex = readHeader(request.headers, signatureHeader);
  const ts = readHeader(request.headers, requestTimestampHeader);
  const timestamp = ts.kind === 'one' ? ts.value : null;
  const checks: VersionCheck[] = [];
  if (v3.kind === 'one')
    checks.push(
      checkVersion(request, 'v3', [signatureV3Header, requestTimestampHeader], v3.value, timestamp ?? ''),
    );
  if (hex.kind === 'one') {
    const named = readHeader(request.headers, signatureVersionHeader);
    const version = named.kind === 'one' && named.value.toLowerCase() === 'v2' ? 'v2' : 'v1';
    checks.push(
      checkVersion(request, version, [signatureHeader, signatureVersionHeader], hex.value, timestamp ?? ''),
    );
  }
  const overall = verifySignature(request);
  return {
    ok: overall.ok,
    version: overall.ok ? overall.version : null,
    code: overall.ok ? null : overall.code,
    message: overall.ok ? null : overall.message,
    timestamp,
    timestampAgeMs:
      timestamp !== null && /^\d{1,16}$/.test(timestamp) ? request.now - Number(timestamp) : null,
    checks,
  };
}
