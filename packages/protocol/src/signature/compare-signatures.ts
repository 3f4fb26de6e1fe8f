import { bodyByteLength, type SignatureBody } from './body.ts';
import type { SignatureVersion } from './headers.ts';
import { describeMismatch, signaturePreviewChars } from './mismatch-message.ts';
import { safeEqual } from './safe-equal.ts';
import { signatureFailure } from './signature-failure.ts';
import type { VerifyAttempt, VerifyResult } from './verify-result.ts';

/** One signature to check: what was hashed, how, and what the request carried. */
export type SignatureCheck = {
  version: SignatureVersion;
  method: string;
  url: string;
  body: SignatureBody;
  /** v3 only: the raw timestamp digits that were hashed. */
  timestamp?: string;
  /** The source string with the secret elided. */
  source: string;
  compute: (secret: string) => string;
  received: string;
};

/** Checks a received signature against every secret in constant time; any match passes. */
export function compareSignatures(check: SignatureCheck, secrets: readonly string[]): VerifyResult {
  const { version, received } = check;
  // Every secret is tried (no early exit) so `checked` explains each one.
  const attempts = secrets.map((secret, secretIndex): VerifyAttempt => {
    const expected = check.compute(secret);
    return {
      version,
      secretIndex,
      source: check.source,
      bodyBytes: bodyByteLength(check.body),
      expectedPrefix: expected.slice(0, signaturePreviewChars),
      receivedPrefix: received.slice(0, signaturePreviewChars),
      matched: safeEqual(received, expected),
    };
  });
  const match = attempts.find((attempt) => attempt.matched);
  if (match) return { ok: true, version, secretIndex: match.secretIndex };
  const { method, url, body, timestamp } = check;
  const facts = { version, method, url, body, received, attempts };
  const text = describeMismatch(timestamp === undefined ? facts : { ...facts, timestamp });
  return signatureFailure('SIGNATURE_MISMATCH', text, attempts);
}
