import { type ExchangeRequest, type SignatureInfo, signRequest } from '@spoke/emulator';
import {
  computeV1,
  computeV2,
  computeV3,
  requestTimestampHeader,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
} from '@spoke/protocol';
import type { BaseRequest, Tamper } from './check-request.ts';

/** Options of {@link tamperRequest}. */
export interface TamperOptions {
  secret: string;
  /** Epoch ms. */
  now: number;
  /** Sent as X-HubSpot-Timeout-Millis. */
  timeoutMs: number;
  /**
   * Where a request signed for a public URL is delivered, as a tunnel would (`spoke check
   * --public-url`): maps the signed URL to the local one, with the headers the tunnel adds.
   */
  tunnel?: { deliver: (signedUrl: string) => string; headers: Record<string, string> };
}

/** A request ready to send: signed (or spoiled) as the case asks. */
export interface CaseRequest {
  request: ExchangeRequest;
  signature: SignatureInfo;
  correlationId: string;
  /**
   * Text a reply must not contain (`401-no-leak`): prefixes of the signatures the secret gives for
   * the request as sent. Never printed: the judge only says whether one appeared.
   */
  secretDerived?: readonly string[];
  /** The URL the signatures cover: `request.url`, or the public URL when delivered through a tunnel. */
  signedUrl: string;
  /** The request as sent carries a v2 signature that is right for its method, URL and body. */
  v2Valid: boolean;
}

/** How much of a right signature a reply may not show: short enough to catch a preview. */
export const leakPrefixChars = 6;

const threeDaysMs = 3 * 24 * 60 * 60 * 1000;

/** An escape v3 decodes before hashing (docs/protocol.md §1): one moved out of the URL would not be. */
const decodedEscape = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/**
 * Splits a URL inside the last query value (`…&associatedObjectId=245` → `…=2` and `45`), past
 * any escape v3 decodes, so URL + body is exactly the string that was signed, for v2 and v3.
 */
function moveQueryIntoBody(url: string): { url: string; body: string } | undefined {
  if (!url.includes('?')) return undefined;
  let at = url.lastIndexOf('=') + 2;
  for (const match of url.matchAll(decodedEscape)) at = Math.max(at, match.index + match[0].length);
  if (at < 2 || at >= url.length) return undefined;
  return { url: url.slice(0, at), body: url.slice(at) };
}

// Change the last digit (or, without digits, the last character): JSON and forms stay well-formed.
function changeOneByte(text: string): string {
  const at = text.search(/\d(?=\D*$)/);
  if (at === -1) return `${text.slice(0, -1)}${text.endsWith('x') ? 'y' : 'x'}`;
  const digit = Number(text[at]);
  return `${text.slice(0, at)}${(digit + 1) % 10}${text.slice(at + 1)}`;
}

function otherHost(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = 'wrong-host.example';
  return parsed.toString();
}

/** Signs a case's request as the platform would, then spoils it the way the case asks. */
export function tamperRequest(base: BaseRequest, tamper: Tamper, options: TamperOptions): CaseRequest {
  // Converter cases are signed as the emulator's converter mode signs them (hubspot.fetch: v3 over
  // the raw URL), legacy ones over the decoded URL. docs/decisions/0011
  const v3UrlForm = base.shape === 'converter' ? 'raw' : 'decoded';
  const sign = (overrides: {
    url?: string;
    body?: string;
    secret?: string;
    now?: number;
    faults?: { staleTimestamp?: boolean; futureTimestamp?: boolean };
  }) =>
    signRequest({
      method: base.method,
      url: overrides.url ?? base.url,
      body: overrides.body ?? base.body,
      secret: overrides.secret ?? options.secret,
      clock: () => overrides.now ?? options.now,
      timeoutMs: options.timeoutMs,
      v3UrlForm,
      ...(base.contentType === undefined ? {} : { contentType: base.contentType }),
      ...(overrides.faults === undefined ? {} : { faults: overrides.faults }),
    });
  const signed = (() => {
    switch (tamper) {
      case 'none':
        return sign({});
      case 'wrong-secret':
        return sign({ secret: `${options.secret}-not-it` });
      case 'wrong-url':
        return sign({ url: otherHost(base.url) });
      case 'stale-timestamp':
        return sign({ faults: { staleTimestamp: true } });
      case 'future-timestamp':
        return sign({ faults: { futureTimestamp: true } });
      case 'malformed-json':
        return sign({ body: base.body.slice(0, -1) });
      case 'downgrade-to-v2':
        return sign({ now: options.now - threeDaysMs });
      case 'leaky-401':
        return sign({ secret: `${options.secret}-not-it` });
      case 'space-mangled-v3': {
        // About half of all signatures contain '+'; step back a millisecond until one does.
        for (let now = options.now; ; now -= 1) {
          const candidate = sign({ now });
          if (candidate.request.headers[signatureV3Header]?.includes('+')) return candidate;
        }
      }
      default:
        return sign({});
    }
  })();
  const headers = { ...signed.request.headers };
  let { url, body } = signed.request;
  // Sends `timestamp` as written, with a v3 signature over exactly that text.
  const resignV3 = (timestamp: string) => {
    headers[requestTimestampHeader] = timestamp;
    headers[signatureV3Header] = computeV3({
      secret: options.secret,
      method: base.method,
      url,
      body,
      timestamp,
      urlForm: v3UrlForm,
    });
  };
  switch (tamper) {
    case 'wrong-url':
      // Signed for another host, sent to the real one.
      url = base.url;
      break;
    case 'missing-signature':
      for (const name of [signatureHeader, signatureVersionHeader, signatureV3Header, requestTimestampHeader])
        delete headers[name];
      break;
    case 'one-byte-changed':
      if (body === '') url = changeOneByte(url);
      else body = changeOneByte(body);
      break;
    case 'non-numeric-timestamp':
      // A sender that used seconds with a fraction, signing exactly what it sends.
      resignV3((options.now / 1000).toFixed(3));
      break;
    case 'space-mangled-v3':
      headers[signatureV3Header] = (headers[signatureV3Header] ?? '').replaceAll('+', ' ');
      break;
    case 'query-moved-into-body': {
      // Signed as the platform sends it (no body); sent with the end of the query as the body.
      // v2 and v3 hash URL + body run together, so both signatures still match.
      const moved = moveQueryIntoBody(url);
      if (moved !== undefined) ({ url, body } = moved);
      else body = 'x';
      break;
    }
    case 'zero-padded-timestamp':
      // `…=1000` + `1700…` hashes like `…=1` + `0001700…`: a verifier must take one spelling only.
      delete headers[signatureHeader];
      delete headers[signatureVersionHeader];
      resignV3(`000${options.now}`);
      break;
    case 'downgrade-to-v2':
      // Captured three days ago: its v3 timestamp is long stale, its v2 signature has no time.
      delete headers[signatureV3Header];
      delete headers[requestTimestampHeader];
      break;
    case 'v1-empty-body':
      for (const name of [signatureV3Header, requestTimestampHeader]) delete headers[name];
      headers[signatureHeader] = computeV1({ secret: options.secret, body: '' });
      headers[signatureVersionHeader] = 'v1';
      break;
    default:
      break;
  }
  const secretDerived =
    tamper === 'leaky-401'
      ? [
          computeV3({
            secret: options.secret,
            method: base.method,
            url,
            body,
            timestamp: headers[requestTimestampHeader] ?? '',
            urlForm: v3UrlForm,
          }),
          computeV2({ secret: options.secret, method: base.method, url, body }),
        ].map((signature) => signature.slice(0, leakPrefixChars))
      : undefined;
  const v2Valid =
    headers[signatureVersionHeader] === 'v2' &&
    headers[signatureHeader] === computeV2({ secret: options.secret, method: base.method, url, body });
  const tunnel = options.tunnel;
  return {
    request: {
      ...signed.request,
      url: tunnel ? tunnel.deliver(url) : url,
      body,
      headers: tunnel ? { ...headers, ...tunnel.headers } : headers,
    },
    signature: signed.signature,
    correlationId: signed.correlationId,
    ...(secretDerived === undefined ? {} : { secretDerived }),
    signedUrl: url,
    v2Valid,
  };
}
