import { SpokeProtocolError } from '../errors.ts';
import type { SignatureBody } from './body.ts';
import { checkTimestamp, requestTarget } from './check-timestamp.ts';
import { matchSecret, mismatchFailure, type SignatureCheck } from './compare-signatures.ts';
import { decodeUriForV3 } from './decode-uri.ts';
import {
  type HeaderRead,
  type HeaderSource,
  readSignatureHeaders,
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
   * Accept v3 signatures only.
   * @default false
   */
  strict?: boolean;
};

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
  const secretIndex = matchSecret(check, options);
  if (secretIndex !== -1) return { ok: true, version: check.version, secretIndex };
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
  const head = method.toUpperCase() + decodeUriForV3(url);
  return compare(options, { version: 'v3', method, url, body, timestamp, head, received });
}

function verifyHex(options: VerifySignatureOptions, versionRead: HeaderRead, received: string): VerifyResult {
  const { method, url, body } = options;
  if (versionRead.kind === 'conflict') {
    const text = duplicateHeaderText(signatureVersionHeader, versionRead.values, requestTarget(method, url));
    return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
  }
  // No version header means v1, as the official SDK assumes. docs/protocol.md §1
  const named = versionRead.kind === 'one' ? versionRead.value : 'v1';
  if (options.strict) {
    const text = `strict mode accepts only v3 signatures, and ${requestTarget(method, url)} carried only a ${preview(named)} ${signatureHeader}. Sign with v3 (${signatureV3Header}), or turn strict mode off while old senders remain.`;
    return signatureFailure('SIGNATURE_V3_REQUIRED', text);
  }
  const version = named.toLowerCase();
  if (version === 'v1') return compare(options, { version, method, url, body, head: '', received });
  if (version === 'v2') {
    return compare(options, { version, method, url, body, head: method.toUpperCase() + url, received });
  }
  const text = `${signatureVersionHeader} on ${requestTarget(method, url)} is ${JSON.stringify(preview(named))}; Spoke verifies v1 and v2 there, and v3 through ${signatureV3Header}. Send v1 or v2, or sign with v3.`;
  return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
}

/**
 * Verifies a HubSpot request signature: v3 when its header is present, otherwise v2 or v1 per
 * `X-HubSpot-Signature-Version` (docs/protocol.md §1). Returns a result; throws only when no secret was given.
 *
 * This runs on every request, so the success path builds no message, copies no body and reads
 * the headers in one pass; everything that explains a failure is built only on failure.
 */
export function verifySignature(options: VerifySignatureOptions): VerifyResult {
  checkSecrets(options);
  const headers = readSignatureHeaders(options.headers);
  const { v3, hex } = headers;
  if (v3.kind === 'one') return verifyV3(options, headers.timestamp, v3.value);
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
