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
  /** The source string with the secret elided; built only to explain a failure (it copies the body). */
  source: () => string;
  compute: (secret: string) => string;
  received: string;
};

/** Checks a received signature against every secret in constant time; any match passes. */
export function compareSignatures(check: SignatureCheck, secrets: readonly string[]): VerifyResult {
  const { version, received } = check;
  // Every secret is computed and compared (no early exit between them).
  const expected = secrets.map((secret) => check.compute(secret));
  const matched = expected.map((signature) => safeEqual(received, signature));
  const secretIndex = matched.indexOf(true);
  if (secretIndex !== -1) return { ok: true, version, secretIndex };
  // Only a failure is explained, so the source string (the whole body as text) is built only then.
  const source = check.source();
  const bodyBytes = bodyByteLength(check.body);
  const attempts = expected.map(
    (signature, index): VerifyAttempt => ({
      version,
      secretIndex: index,
      source,
      bodyBytes,
      expectedPrefix: signature.slice(0, signaturePreviewChars),
      receivedPrefix: received.slice(0, signaturePreviewChars),
      matched: false,
    }),
  );
  const { method, url, body, timestamp } = check;
  const facts = { version, method, url, body, received, attempts };
  const text = describeMismatch(timestamp === undefined ? facts : { ...facts, timestamp });
  return signatureFailure('SIGNATURE_MISMATCH', text, attempts);
}
