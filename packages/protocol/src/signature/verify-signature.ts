import { SpokeProtocolError } from '../errors.ts';
import type { SignatureBody } from './body.ts';
import { checkTimestamp, requestTarget } from './check-timestamp.ts';
import { matchSecret, mismatchFailure, type SignatureCheck } from './compare-signatures.ts';
import { decodeUriForV3 } from './decode-uri.ts';
import {
  type HeaderRead,
  type HeaderSource,
  readSignatureHeaders,
  type SignatureVersion,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
} from './headers.ts';
import { preview } from './mismatch-message.ts';
import { duplicateHeaderText, signatureFailure } from './signature-failure.ts';
import type { VerifyResult } from './verify-result.ts';

/** Options of {@link verifySignature}. */
export type VerifySignatureOptions = {
  /** The app's client secret; comes first in the secret index when `secrets` is also given. */
  secret?: string;
  /** Several secrets while rotating: any one may match, the result says which. */
  secrets?: readonly string[];
  /** The request's HTTP method. */
  method: string;
  /** The full public URL HubSpot called (not what a proxy forwarded). docs/protocol.md §1 Decision */
  url: string;
  /** The raw body bytes as received. */
  body: SignatureBody;
  headers: HeaderSource;
  /**
   * Current epoch milliseconds, for the v3 timestamp window.
   * @default Date.now()
   */
  now?: number;
  /**
   * @deprecated v3 only is the default now; `acceptVersions` says otherwise. `strict: true` is the
   * default, `strict: false` the same as `acceptVersions: ['v1', 'v2', 'v3']`.
   */
  strict?: boolean;
  /**
   * The signature versions accepted. A request carrying only a version outside the list is
   * refused (`SIGNATURE_V3_REQUIRED` when the list is `['v3']`, else `SIGNATURE_VERSION_REFUSED`).
   * Only v3 carries a timestamp, so only v3 proves a request fresh: a captured v2 (or v1) request
   * stays valid forever, and accepting v2 lets anyone strip the v3 headers from a captured request
   * (a downgrade). Widen the list only for a tool that explains signatures (`spoke verify`) or a
   * sender that cannot sign v3 (docs/security.md).
   * @default ['v3']
   */
  acceptVersions?: readonly SignatureVersion[];
  /**
   * Accept a v1 signature over an empty body (GET, DELETE). It is `sha256(secret)`: one constant
   * header value that authenticates every bodiless request forever, so it is refused with
   * `SIGNATURE_V1_EMPTY_BODY` even when v1 is accepted, unless this is set.
   * @default false
   */
  allowV1EmptyBody?: boolean;
};

const allVersions: readonly SignatureVersion[] = ['v1', 'v2', 'v3'];
const v3Only: readonly SignatureVersion[] = ['v3'];

function acceptedVersions(options: VerifySignatureOptions): readonly SignatureVersion[] {
  if (options.acceptVersions !== undefined) return options.acceptVersions;
  return options.strict === false ? allVersions : v3Only;
}

/** The refusal for a version the caller does not accept. */
function versionRefused(
  accepted: readonly SignatureVersion[],
  version: SignatureVersion,
  target: string,
): VerifyResult {
  if (accepted.length === 1 && accepted[0] === 'v3') {
    const text = `this service accepts only v3 signatures, and ${target} carried only a ${version} signature. v2 has no timestamp, so a captured v2 request would stay valid forever; sign with v3 (${signatureV3Header} + X-HubSpot-Request-Timestamp), as HubSpot does.`;
    return signatureFailure('SIGNATURE_V3_REQUIRED', text);
  }
  const text = `${target} carried a ${version} signature, and this service accepts ${accepted.join(', ') || 'no version'}. Sign with one of those.`;
  return signatureFailure('SIGNATURE_VERSION_REFUSED', text);
}

function missingSecret(): SpokeProtocolError {
  return new SpokeProtocolError(
    'SIGNATURE_SECRET_MISSING',
    "verifySignature was called without a client secret (undefined or empty): pass `secret` (or `secrets` while rotating) from the app's Auth settings.",
  );
}

// An empty secret is an unset environment variable: misuse, so it throws.
function checkSecrets({ secret, secrets }: VerifySignatureOptions): void {
  if (secret === '') throw missingSecret();
  if (secrets === undefined || secrets.length === 0) {
    if (secret === undefined) throw missingSecret();
    return;
  }
  for (const each of secrets) if (each === '') throw missingSecret();
}

/** Compares one received signature against every secret; explains a mismatch only when there is one. */
function compare(options: VerifySignatureOptions, check: SignatureCheck): VerifyResult {
  const { secretIndex, urlForm } = matchSecret(check, options);
  if (secretIndex !== -1) {
    if (urlForm === undefined) return { ok: true, version: check.version, secretIndex };
    return { ok: true, version: check.version, secretIndex, v3UrlForm: urlForm };
  }
  return mismatchFailure(check, options);
}

function verifyV3(
  options: VerifySignatureOptions,
  timestampRead: HeaderRead,
  received: string,
): VerifyResult {
  const { method, url, body } = options;
  const timestamp = checkTimestamp(timestampRead, method, url, options.now ?? Date.now());
  if (typeof timestamp !== 'string') return timestamp;
  // HubSpot's docs hash the URL with twelve escapes decoded, its SDK and local-dev proxy hash it
  // as sent; both are accepted, and the result says which matched. docs/decisions/0011
  const verb = method.toUpperCase();
  const decodedUrl = decodeUriForV3(url);
  const head = verb + decodedUrl;
  const check: SignatureCheck = { version: 'v3', method, url, body, timestamp, head, received };
  if (decodedUrl !== url) check.rawHead = verb + url;
  return compare(options, check);
}

function verifyHex(options: VerifySignatureOptions, versionRead: HeaderRead, received: string): VerifyResult {
  const { method, url, body } = options;
  if (versionRead.kind === 'conflict') {
    const text = duplicateHeaderText(signatureVersionHeader, versionRead.values, requestTarget(method, url));
    return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
  }
  // No version header means v1, as the official SDK assumes. docs/protocol.md §1
  const named = versionRead.kind === 'one' ? versionRead.value : 'v1';
  const version = named.toLowerCase();
  if (version !== 'v1' && version !== 'v2') {
    const text = `${signatureVersionHeader} on ${requestTarget(method, url)} is ${JSON.stringify(preview(named))}; Spoke verifies v1 and v2 there, and v3 through ${signatureV3Header}. Send v1 or v2, or sign with v3.`;
    return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
  }
  const accepted = acceptedVersions(options);
  if (!accepted.includes(version)) return versionRefused(accepted, version, requestTarget(method, url));
  if (version === 'v2') {
    return compare(options, { version, method, url, body, head: method.toUpperCase() + url, received });
  }
  // v1 over no body is sha256(secret): a constant that would authenticate every GET and DELETE.
  // `length` is 0 exactly when no byte is (a string's byte count would scan a large body).
  if (body.length === 0 && options.allowV1EmptyBody !== true) {
    const text = `${requestTarget(method, url)} carried a v1 signature over an empty body. v1 covers only the body, so over an empty one it is the same constant for every request and proves nothing; sign with v3.`;
    return signatureFailure('SIGNATURE_V1_EMPTY_BODY', text);
  }
  return compare(options, { version, method, url, body, head: '', received });
}

/**
 * Verifies a HubSpot request signature: v3 when its header is present, otherwise v2 or v1 per
 * `X-HubSpot-Signature-Version` (docs/protocol.md §1), each only if `acceptVersions` lists it.
 * Returns a result; throws only when no secret was given.
 *
 * A failure's `message` explains what was hashed (never the expected signature); `checked`
 * carries prefixes of the expected signatures for local tools. Put neither in a reply: log them.
 *
 * This runs on every request, so the success path builds no message, copies no body and reads
 * the headers in one pass; everything that explains a failure is built only on failure.
 */
export function verifySignature(options: VerifySignatureOptions): VerifyResult {
  checkSecrets(options);
  const headers = readSignatureHeaders(options.headers);
  const { v3, hex } = headers;
  if (v3.kind === 'one') {
    const accepted = acceptedVersions(options);
    if (accepted.includes('v3')) return verifyV3(options, headers.timestamp, v3.value);
    // A v3 signature the caller does not take: check the v1/v2 one beside it, if any.
    if (hex.kind !== 'one') {
      return versionRefused(accepted, 'v3', requestTarget(options.method, options.url));
    }
  }
  if (v3.kind === 'conflict') {
    const text = duplicateHeaderText(
      signatureV3Header,
      v3.values,
      requestTarget(options.method, options.url),
    );
    return signatureFailure('SIGNATURE_MISMATCH', text);
  }
  if (hex.kind === 'one') return verifyHex(options, headers.version, hex.value);
  const target = requestTarget(options.method, options.url);
  if (hex.kind === 'conflict') {
    return signatureFailure('SIGNATURE_MISMATCH', duplicateHeaderText(signatureHeader, hex.values, target));
  }
  const text = `${target} carried no ${signatureV3Header} or ${signatureHeader} header. Send requests through HubSpot or \`spoke trigger\`, and make sure proxies forward the X-HubSpot-* headers.`;
  return signatureFailure('SIGNATURE_MISSING', text);
}
