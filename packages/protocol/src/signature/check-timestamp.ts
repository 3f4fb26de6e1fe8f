import { limits } from '../limits.ts';
import { type HeaderRead, requestTimestampHeader } from './headers.ts';
import { duplicateHeaderText, signatureFailure } from './signature-failure.ts';
import type { VerifyFailure } from './verify-result.ts';

/** What the request was, for a failure message: `POST https://…`. Built only once a check fails. */
export function requestTarget(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

/** Most digits a v3 timestamp may have (epoch ms stay at 13 digits until the year 2286). */
export const maxTimestampDigits = 16;

// Canonical decimal milliseconds: digits only (no sign, exponent, fraction or whitespace), no
// leading zero, at most 16 of them. One number has one spelling, so digits cannot move between
// the end of the URL or body and the timestamp under the same signature (`…=1000` + `1700…`
// hashes like `…=1` + `0001700…`). docs/protocol.md §1 Decision; docs/decisions/0009
//
// Returns the number the digits spell, or -1 when they are not canonical. The value is read in the
// same loop that checks the digits: `Number()` on a 13-digit string goes through V8's slow
// string-to-number path on every request. Up to 15 digits every step is an exact integer, so the
// value equals `Number(value)`; a 16-digit one (year 33658 and later) is outside any window either way.
function timestampMs(value: string): number {
  const length = value.length;
  if (length === 0 || length > maxTimestampDigits) return -1;
  if (value.charCodeAt(0) === 48) return -1;
  let ms = 0;
  for (let index = 0; index < length; index += 1) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    ms = ms * 10 + digit;
  }
  return ms;
}

/**
 * Checks `X-HubSpot-Request-Timestamp` for a v3 signature: present, canonical digits, and within
 * `limits.maxClockSkewMs` of `now` in either direction. Returns the raw digits to hash, or the
 * failure (its message names `method` and `url`).
 */
export function checkTimestamp(
  read: HeaderRead,
  method: string,
  url: string,
  now: number,
): string | VerifyFailure {
  if (read.kind === 'one') {
    const ms = timestampMs(read.value);
    if (ms !== -1) {
      const age = now - ms;
      // Written as the failure conditions below negated, so both paths agree on every number.
      if (!(age > limits.maxClockSkewMs) && !(-age > limits.maxClockSkewMs)) return read.value;
    }
  }
  return timestampFailure(read, requestTarget(method, url), now);
}

/** Explains why the timestamp was refused: only called once it was. */
function timestampFailure(read: HeaderRead, target: string, now: number): VerifyFailure {
  if (read.kind === 'conflict') {
    const text = duplicateHeaderText(requestTimestampHeader, read.values, target);
    return signatureFailure('SIGNATURE_TIMESTAMP_INVALID', text);
  }
  if (read.kind === 'absent') {
    const text = `a v3 signature on ${target} arrived without ${requestTimestampHeader}; v3 hashes the timestamp, so it cannot be checked. Forward the header with the signature.`;
    return signatureFailure('SIGNATURE_TIMESTAMP_MISSING', text);
  }
  const timestamp = read.value;
  const ms = timestampMs(timestamp);
  if (ms === -1) {
    const text = `${requestTimestampHeader} on ${target} is ${JSON.stringify(timestamp)}; it must be epoch milliseconds as canonical decimal digits (no sign, fraction or leading zero, at most ${maxTimestampDigits} digits), e.g. String(Date.now()).`;
    return signatureFailure('SIGNATURE_TIMESTAMP_INVALID', text);
  }
  const age = now - ms;
  const allowed = `more than the ${limits.maxClockSkewMs} ms allowed (docs/protocol.md §1)`;
  if (age > limits.maxClockSkewMs) {
    const text = `the v3 timestamp ${timestamp} on ${target} is ${age} ms old, ${allowed}: a replayed request or a clock that is off. Re-send with a fresh timestamp and sync clocks (NTP).`;
    return signatureFailure('SIGNATURE_TIMESTAMP_STALE', text);
  }
  const text = `the v3 timestamp ${timestamp} on ${target} is ${-age} ms in the future, ${allowed}. Sync the sender's and the service's clocks (NTP).`;
  return signatureFailure('SIGNATURE_TIMESTAMP_FUTURE', text);
}
