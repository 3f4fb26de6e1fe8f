import { type ExchangeRequest, type SignatureInfo, signRequest } from '@spoke/emulator';
import {
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
}

/** A request ready to send: signed (or spoiled) as the case asks. */
export interface CaseRequest {
  request: ExchangeRequest;
  signature: SignatureInfo;
  correlationId: string;
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
    case 'non-numeric-timestamp': {
      // A sender that used seconds with a fraction, signing exactly what it sends.
      const timestamp = (options.now / 1000).toFixed(3);
      headers[requestTimestampHeader] = timestamp;
      headers[signatureV3Header] = computeV3({
        secret: options.secret,
        method: base.method,
        url,
        body,
        timestamp,
      });
      break;
    }
    case 'space-mangled-v3':
      headers[signatureV3Header] = (headers[signatureV3Header] ?? '').replaceAll('+', ' ');
      break;
    default:
      break;
  }
  return {
    request: { ...signed.request, url, body, headers },
    signature: signed.signature,
    correlationId: signed.correlationId,
  };
}
