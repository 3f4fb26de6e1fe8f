import { SpokeProtocolError } from '../errors.ts';
import type { SignatureBody } from './body.ts';
import { checkTimestamp } from './check-timestamp.ts';
import { compareSignatures } from './compare-signatures.ts';
import {
  type HeaderSource,
  readHeader,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
} from './headers.ts';
import { preview } from './mismatch-message.ts';
import { duplicateHeaderText, signatureFailure } from './signature-failure.ts';
import { computeV1, sourceV1 } from './v1.ts';
import { computeV2, sourceV2 } from './v2.ts';
import { computeV3, sourceV3 } from './v3.ts';
import type { VerifyResult } from './verify-result.ts';

/** Options of {@link verifySignature}. */
export type VerifySignatureOptions = {
  /** The app's client secret; comes first in the secret index when `secrets` is also given. */
  secret?: string;
  /** Several secrets while rotating: any one may match, the result says which. */
  secrets?: readonly string[];
  /** The request's HTTP method. */
  method: string;
  /** The full public URL HubSpot called (not what a proxy forwarded). SPEC.md §1 Decision */
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

function secretList({ secret, secrets = [] }: VerifySignatureOptions): readonly string[] {
  const list = secret === undefined ? secrets : [secret, ...secrets];
  // An empty secret is an unset environment variable: misuse, so it throws. STYLE.md 10
  if (list.length === 0 || list.some((item) => item === '')) {
    throw new SpokeProtocolError(
      'SIGNATURE_SECRET_MISSING',
      "verifySignature was called without a client secret (undefined or empty): pass `secret` (or `secrets` while rotating) from the app's Auth settings.",
    );
  }
  return list;
}

function verifyV3(
  options: VerifySignatureOptions,
  secrets: readonly string[],
  received: string,
): VerifyResult {
  const { method, url, body, headers } = options;
  const checked = checkTimestamp(headers, `${method.toUpperCase()} ${url}`, options.now ?? Date.now());
  if (!checked.ok) return checked;
  const { timestamp } = checked;
  const source = () => sourceV3({ method, url, body, timestamp });
  const compute = (secret: string) => computeV3({ secret, method, url, body, timestamp });
  return compareSignatures(
    { version: 'v3', method, url, body, timestamp, source, compute, received },
    secrets,
  );
}

function verifyHex(
  options: VerifySignatureOptions,
  secrets: readonly string[],
  received: string,
): VerifyResult {
  const { method, url, body, headers } = options;
  const target = `${method.toUpperCase()} ${url}`;
  const read = readHeader(headers, signatureVersionHeader);
  if (read.kind === 'conflict') {
    const text = duplicateHeaderText(signatureVersionHeader, read.values, target);
    return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
  }
  // No version header means v1, as the official SDK assumes. SPEC.md §1
  const named = read.kind === 'one' ? read.value : 'v1';
  if (options.strict) {
    const text = `strict mode accepts only v3 signatures, and ${target} carried only a ${preview(named)} ${signatureHeader}. Sign with v3 (${signatureV3Header}), or turn strict mode off while old senders remain.`;
    return signatureFailure('SIGNATURE_V3_REQUIRED', text);
  }
  const version = named.toLowerCase();
  const request = { method, url, body, received };
  if (version === 'v1') {
    const compute = (secret: string) => computeV1({ secret, body });
    return compareSignatures({ version, ...request, source: () => sourceV1({ body }), compute }, secrets);
  }
  if (version === 'v2') {
    const compute = (secret: string) => computeV2({ secret, method, url, body });
    return compareSignatures(
      { version, ...request, source: () => sourceV2({ method, url, body }), compute },
      secrets,
    );
  }
  const text = `${signatureVersionHeader} on ${target} is ${JSON.stringify(preview(named))}; Spoke verifies v1 and v2 there, and v3 through ${signatureV3Header}. Send v1 or v2, or sign with v3.`;
  return signatureFailure('SIGNATURE_VERSION_UNSUPPORTED', text);
}

/**
 * Verifies a HubSpot request signature: v3 when its header is present, otherwise v2 or v1 per
 * `X-HubSpot-Signature-Version` (SPEC.md §1). Returns a result; throws only when no secret was given.
 */
export function verifySignature(options: VerifySignatureOptions): VerifyResult {
  const secrets = secretList(options);
  const target = `${options.method.toUpperCase()} ${options.url}`;
  const v3 = readHeader(options.headers, signatureV3Header);
  if (v3.kind === 'conflict') {
    return signatureFailure('SIGNATURE_MISMATCH', duplicateHeaderText(signatureV3Header, v3.values, target));
  }
  if (v3.kind === 'one') return verifyV3(options, secrets, v3.value);
  const hex = readHeader(options.headers, signatureHeader);
  if (hex.kind === 'conflict') {
    return signatureFailure('SIGNATURE_MISMATCH', duplicateHeaderText(signatureHeader, hex.values, target));
  }
  if (hex.kind === 'one') return verifyHex(options, secrets, hex.value);
  const text = `${target} carried no ${signatureV3Header} or ${signatureHeader} header. Send requests through HubSpot or \`spoke trigger\`, and make sure proxies forward the X-HubSpot-* headers.`;
  return signatureFailure('SIGNATURE_MISSING', text);
}
