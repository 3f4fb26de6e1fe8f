import { randomUUID as nodeRandomUUID } from 'node:crypto';
import {
  decodeUriForV3,
  limits,
  type SignatureVersion,
  sign,
  signatureHeader,
  signatureV3Header,
  sourceV1,
  sourceV2,
  sourceV3,
  type V3UrlForm,
} from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import type { ExchangeRequest, SignatureInfo } from './exchange.ts';
import { describeSignatureFaults, type Faults } from './faults.ts';

/** Names the platform in every outbound call. docs/protocol.md §5. */
export const platformUserAgent = 'HubSpot Connect 2.0 (spoke emulator)';
/** Carries a uuid per call, as HubSpot's do. docs/protocol.md §5. */
export const correlationIdHeader = 'X-HubSpot-Correlation-Id';
/** Tells the service how long the platform waits. docs/protocol.md §5. */
export const timeoutMillisHeader = 'X-HubSpot-Timeout-Millis';

/** What the platform signs by default: v2 and v3. docs/protocol.md §1 Decision. */
export const defaultSignatureVersions = ['v2', 'v3'] as const satisfies readonly SignatureVersion[];

/** Options of {@link signRequest}. */
export interface SignRequestOptions {
  method: string;
  url: string;
  /** The raw body that will be sent ('' for none). */
  body: string;
  /** The app's client secret. */
  secret: string;
  /** Epoch ms, read once per attempt for `X-HubSpot-Request-Timestamp`. */
  clock: () => number;
  /** @default crypto.randomUUID */
  randomUUID?: () => string;
  /** Sent as `X-HubSpot-Timeout-Millis`: the transport's total deadline. */
  timeoutMs: number;
  /** Content type of a non-empty body. */
  contentType?: string;
  /**
   * Signatures to send; v1 and v2 share a header, so at most one of them.
   * @default ['v2', 'v3']
   */
  versions?: readonly SignatureVersion[];
  /**
   * Which URL v3 covers: `decoded` (HubSpot's docs, legacy CRM cards) or `raw` (`hubspot.fetch`,
   * converter mode). docs/decisions/0011
   * @default 'decoded'
   */
  v3UrlForm?: V3UrlForm;
  /** Signature faults (`corruptSignature`, `staleTimestamp`, `futureTimestamp`, `signatureVersion`). */
  faults?: Faults;
  /** Reuse a correlation id (replays); a new uuid otherwise. */
  correlationId?: string;
}

/** A request ready to send, and how it was signed. */
export interface SignedRequest {
  request: ExchangeRequest;
  signature: SignatureInfo;
  correlationId: string;
}

// Same length and alphabet, one character different: a mismatch, not a malformed header.
function corrupt(value: string): string {
  const first = value[0];
  const swapped = first === '0' ? '1' : first === 'A' ? 'B' : /[0-9a-f]/.test(first ?? '') ? '0' : 'A';
  return swapped + value.slice(1);
}

/**
 * Builds the outbound request the platform sends: signatures (v2 + v3 by default) over the exact
 * URL and body, a fresh timestamp from `clock`, correlation id, timeout and user agent headers, and
 * the signature faults asked for. The returned {@link SignatureInfo} shows the strings hashed.
 */
export function signRequest(options: SignRequestOptions): SignedRequest {
  const { method, url, body, secret, faults } = options;
  const versions: readonly SignatureVersion[] = faults?.signatureVersion
    ? [faults.signatureVersion]
    : (options.versions ?? defaultSignatureVersions);
  if (versions.length === 0 || (versions.includes('v1') && versions.includes('v2'))) {
    throw new SpokeEmulatorError(
      'EMULATOR_CONFIG_INVALID',
      `cannot sign with ${JSON.stringify(versions)}: v1 and v2 share ${signatureHeader}, so pick one of them (plus v3).`,
    );
  }
  const skew = 2 * limits.maxClockSkewMs;
  const now = options.clock();
  const timestamp = faults?.staleTimestamp ? now - skew : faults?.futureTimestamp ? now + skew : now;
  const correlationId = options.correlationId ?? (options.randomUUID ?? nodeRandomUUID)();

  const v3UrlForm = options.v3UrlForm ?? 'decoded';
  const signatureHeaders: Record<string, string> = {};
  const sources: SignatureInfo['sources'] = {};
  for (const version of versions) {
    Object.assign(signatureHeaders, sign({ version, secret, method, url, body, timestamp, v3UrlForm }));
    if (version === 'v1') sources.v1 = sourceV1({ body });
    if (version === 'v2') sources.v2 = sourceV2({ method, url, body });
    if (version === 'v3') sources.v3 = sourceV3({ method, url, body, timestamp, urlForm: v3UrlForm });
  }
  if (faults?.corruptSignature) {
    for (const name of [signatureHeader, signatureV3Header]) {
      const value = signatureHeaders[name];
      if (value !== undefined) signatureHeaders[name] = corrupt(value);
    }
  }

  const headers: Record<string, string> = {};
  if (body !== '' && options.contentType) headers['Content-Type'] = options.contentType;
  Object.assign(headers, {
    Accept: 'application/json',
    'User-Agent': platformUserAgent,
    [correlationIdHeader]: correlationId,
    [timeoutMillisHeader]: String(options.timeoutMs),
    ...signatureHeaders,
  });

  const signature: SignatureInfo = { versions: [...versions], timestamp: String(timestamp), sources };
  if (versions.includes('v3')) {
    signature.v3UrlForm = v3UrlForm;
    signature.v3UrlFormsDiffer = decodeUriForV3(url) !== url;
  }
  const fault = describeSignatureFaults(faults);
  if (fault.length > 0) signature.fault = fault.join(', ');
  return { request: { method: method.toUpperCase(), url, headers, body }, signature, correlationId };
}
