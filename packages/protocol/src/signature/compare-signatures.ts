import { bodyByteLength, type SignatureBody } from './body.ts';
import { hmacSha256Base64, sha256Hex } from './digest.ts';
import type { SignatureVersion } from './headers.ts';
import { describeMismatch, signaturePreviewChars } from './mismatch-message.ts';
import { safeEqual } from './safe-equal.ts';
import { signatureFailure } from './signature-failure.ts';
import { sourceV1 } from './v1.ts';
import { sourceV2 } from './v2.ts';
import { sourceV3, type V3UrlForm } from './v3.ts';
import type { V3UrlMatch, VerifyAttempt, VerifyFailure } from './verify-result.ts';

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
  /**
   * v3 only, and only when the URL carries one of the twelve decoded escapes: `METHOD + rawUrl`,
   * the second candidate (HubSpot's SDK and local-dev proxy hash the URL undecoded).
   * docs/decisions/0011
   */
  rawHead?: string;
  received: string;
};

/** The secrets to try, in secret-index order: `secret` first, then `secrets`. */
export type SecretSource = { secret?: string | undefined; secrets?: readonly string[] | undefined };

/**
 * The signature `secret` gives for `check` (docs/protocol.md §1; same as `computeV1`/`computeV2`/
 * `computeV3`), over `head` unless another one is given.
 */
function expected(check: SignatureCheck, secret: string, head = check.head): string {
  if (check.version === 'v3') return hmacSha256Base64(secret, head, check.body, check.timestamp ?? '');
  return sha256Hex(secret, head, check.body);
}

/** The secret that matched, and for v3 which URL form it matched over. */
export type SecretMatch = { secretIndex: number; urlForm: V3UrlMatch | undefined };

/**
 * The first secret whose signature equals the received one (constant-time compare), or
 * `secretIndex: -1`. Every secret is computed and compared (no early exit between secrets), and
 * for v3 with a differing raw URL the raw form is computed and compared for every secret whose
 * decoded form did not match: a refused request always pays for both forms, so the time taken
 * says nothing a 401 or a 200 does not.
 */
export function matchSecret(check: SignatureCheck, secrets: SecretSource): SecretMatch {
  let match = noMatch;
  let index = 0;
  if (secrets.secret !== undefined) {
    match = matchOne(check, secrets.secret, 0);
    index = 1;
  }
  for (const secret of secrets.secrets ?? []) {
    const each = matchOne(check, secret, index);
    if (match.secretIndex === -1) match = each;
    index += 1;
  }
  return match;
}

const noMatch: SecretMatch = Object.freeze({ secretIndex: -1, urlForm: undefined });
// One per form, shared: a match's object is only read (secret index 0, the usual single secret).
const firstSecret: Readonly<Record<V3UrlMatch | 'hex', SecretMatch>> = Object.freeze({
  same: Object.freeze({ secretIndex: 0, urlForm: 'same' }),
  decoded: Object.freeze({ secretIndex: 0, urlForm: 'decoded' }),
  raw: Object.freeze({ secretIndex: 0, urlForm: 'raw' }),
  hex: Object.freeze({ secretIndex: 0, urlForm: undefined }),
});

/** `secret` against the received signature: its index and URL form on a match, else `noMatch`. */
function matchOne(check: SignatureCheck, secret: string, index: number): SecretMatch {
  const { rawHead } = check;
  const decodedEqual = safeEqual(check.received, expected(check, secret));
  // The raw candidate only when the decoded one did not match: skipping it tells the timing
  // nothing the status does not (a match is a 200); a refused request always pays for both.
  const rawEqual =
    !decodedEqual && rawHead !== undefined && safeEqual(check.received, expected(check, secret, rawHead));
  if (!(decodedEqual || rawEqual)) return noMatch;
  const form: V3UrlMatch | 'hex' =
    check.version !== 'v3' ? 'hex' : rawHead === undefined ? 'same' : decodedEqual ? 'decoded' : 'raw';
  if (index === 0) return firstSecret[form];
  return { secretIndex: index, urlForm: form === 'hex' ? undefined : form };
}

function secretList({ secret, secrets = [] }: SecretSource): readonly string[] {
  return secret === undefined ? secrets : [secret, ...secrets];
}

function hashedSource(
  { version, method, url, body, timestamp }: SignatureCheck,
  urlForm?: V3UrlForm,
): string {
  if (version === 'v1') return sourceV1({ body });
  if (version === 'v2') return sourceV2({ method, url, body });
  return sourceV3({ method, url, body, timestamp: timestamp ?? '', urlForm: urlForm ?? 'decoded' });
}

/**
 * SIGNATURE_MISMATCH once no secret matched: what was hashed (the whole body as text, so it is
 * built only here, never on success) and what each secret gives.
 */
export function mismatchFailure(check: SignatureCheck, secrets: SecretSource): VerifyFailure {
  const { version, method, url, body, timestamp, received, rawHead } = check;
  const bodyBytes = bodyByteLength(body);
  // v3 over a URL with decoded escapes: both candidates were tried, so both are reported.
  const forms: readonly (V3UrlForm | undefined)[] =
    version !== 'v3' ? [undefined] : rawHead === undefined ? ['decoded'] : ['decoded', 'raw'];
  const attempts = secretList(secrets).flatMap((secret, index) =>
    forms.map(
      (urlForm): VerifyAttempt => ({
        version,
        secretIndex: index,
        source: hashedSource(check, urlForm),
        bodyBytes,
        expectedPrefix: expected(check, secret, urlForm === 'raw' ? rawHead : check.head).slice(
          0,
          signaturePreviewChars,
        ),
        receivedPrefix: received.slice(0, signaturePreviewChars),
        matched: false,
        ...(urlForm === undefined ? {} : { urlForm }),
      }),
    ),
  );
  const facts = { version, method, url, body, received, attempts };
  const text = describeMismatch(timestamp === undefined ? facts : { ...facts, timestamp });
  return signatureFailure('SIGNATURE_MISMATCH', text, attempts);
}
