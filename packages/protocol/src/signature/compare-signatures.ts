import { bodyByteLength, type SignatureBody } from './body.ts';
import { hmacSha256Base64, sha256Hex } from './digest.ts';
import type { SignatureVersion } from './headers.ts';
import { describeMismatch, signaturePreviewChars } from './mismatch-message.ts';
import { safeEqual } from './safe-equal.ts';
import { signatureFailure } from './signature-failure.ts';
import { sourceV1 } from './v1.ts';
import { sourceV2 } from './v2.ts';
import { sourceV3 } from './v3.ts';
import type { VerifyAttempt, VerifyFailure } from './verify-result.ts';

/** One received signature and what it should cover. */
export type SignatureCheck = {
  version: SignatureVersion;
  method: string;
  url: string;
  body: SignatureBody;
  /** v3 only: the raw timestamp digits that were hashed. */
  timestamp?: string;
  /**
   * The text hashed before the body, apart from the secret: nothing for v1, `METHOD + url` for
   * v2, `METHOD + decodedUrl` for v3. Built once per request, not once per secret.
   */
  head: string;
  received: string;
};

/** The secrets to try, in secret-index order: `secret` first, then `secrets`. */
export type SecretSource = { secret?: string | undefined; secrets?: readonly string[] | undefined };

/** The signature `secret` gives for `check` (docs/protocol.md §1; same as `computeV1`/`computeV2`/`computeV3`). */
function expected(check: SignatureCheck, secret: string): string {
  if (check.version === 'v3') return hmacSha256Base64(secret, check.head, check.body, check.timestamp ?? '');
  return sha256Hex(secret, check.head, check.body);
}

/**
 * Index of the first secret whose signature equals the received one (constant-time compare), or
 * -1. Every secret is computed and compared: no early exit between them.
 */
export function matchSecret(check: SignatureCheck, secrets: SecretSource): number {
  let matched = -1;
  let index = 0;
  if (secrets.secret !== undefined) {
    if (safeEqual(check.received, expected(check, secrets.secret))) matched = 0;
    index = 1;
  }
  if (secrets.secrets === undefined) return matched;
  for (const secret of secrets.secrets) {
    if (safeEqual(check.received, expected(check, secret)) && matched === -1) matched = index;
    index += 1;
  }
  return matched;
}

function secretList({ secret, secrets = [] }: SecretSource): readonly string[] {
  return secret === undefined ? secrets : [secret, ...secrets];
}

function hashedSource({ version, method, url, body, timestamp }: SignatureCheck): string {
  if (version === 'v1') return sourceV1({ body });
  if (version === 'v2') return sourceV2({ method, url, body });
  return sourceV3({ method, url, body, timestamp: timestamp ?? '' });
}

/**
 * SIGNATURE_MISMATCH once no secret matched: what was hashed (the whole body as text, so it is
 * built only here, never on success) and what each secret gives.
 */
export function mismatchFailure(check: SignatureCheck, secrets: SecretSource): VerifyFailure {
  const { version, method, url, body, timestamp, received } = check;
  const source = hashedSource(check);
  const bodyBytes = bodyByteLength(body);
  const attempts = secretList(secrets).map(
    (secret, index): VerifyAttempt => ({
      version,
      secretIndex: index,
      source,
      bodyBytes,
      expectedPrefix: expected(check, secret).slice(0, signaturePreviewChars),
      receivedPrefix: received.slice(0, signaturePreviewChars),
      matched: false,
    }),
  );
  const facts = { version, method, url, body, received, attempts };
  const text = describeMismatch(timestamp === undefined ? facts : { ...facts, timestamp });
  return signatureFailure('SIGNATURE_MISMATCH', text, attempts);
}
