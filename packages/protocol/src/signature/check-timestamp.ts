import { limits } from '../limits.ts';
import { type HeaderSource, readHeader, requestTimestampHeader } from './headers.ts';
import { duplicateHeaderText, signatureFailure } from './signature-failure.ts';
import type { VerifyFailure } from './verify-result.ts';

// Digits only: no sign, exponent, fraction or whitespace. SPEC.md §1 Decision; docs/decisions/0003
const timestampPattern = /^\d{1,16}$/;

/**
 * Checks `X-HubSpot-Request-Timestamp` for a v3 signature: present, digits only, and within
 * `limits.maxClockSkewMs` of `now` in either direction. Returns the raw digits to hash.
 */
export function checkTimestamp(
  headers: HeaderSource,
  target: string,
  now: number,
): { ok: true; timestamp: string } | VerifyFailure {
  const read = readHeader(headers, requestTimestampHeader);
  if (read.kind === 'conflict') {
    const text = duplicateHeaderText(requestTimestampHeader, read.values, target);
    return signatureFailure('SIGNATURE_TIMESTAMP_INVALID', text);
  }
  if (read.kind === 'absent') {
    const text = `a v3 signature on ${target} arrived without ${requestTimestampHeader}; v3 hashes the timestamp, so it cannot be checked. Forward the header with the signature.`;
    return signatureFailure('SIGNATURE_TIMESTAMP_MISSING', text);
  }
  const timestamp = read.value;
  if (!timestampPattern.test(timestamp)) {
    const text = `${requestTimestampHeader} on ${target} is ${JSON.stringify(timestamp)}; it must be epoch milliseconds as decimal digits only, e.g. String(Date.now()).`;
    return signatureFailure('SIGNATURE_TIMESTAMP_INVALID', text);
  }
  const age = now - Number(timestamp);
  const allowed = `more than the ${limits.maxClockSkewMs} ms allowed (SPEC.md §1)`;
  if (age > limits.maxClockSkewMs) {
    const text = `the v3 timestamp ${timestamp} on ${target} is ${age} ms old, ${allowed}: a replayed request or a clock that is off. Re-send with a fresh timestamp and sync clocks (NTP).`;
    return signatureFailure('SIGNATURE_TIMESTAMP_STALE', text);
  }
  if (-age > limits.maxClockSkewMs) {
    const text = `the v3 timestamp ${timestamp} on ${target} is ${-age} ms in the future, ${allowed}. Sync the sender's and the service's clocks (NTP).`;
    return signatureFailure('SIGNATURE_TIMESTAMP_FUTURE', text);
  }
  return { ok: true, timestamp };
}
