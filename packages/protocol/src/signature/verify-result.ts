import type { ProtocolErrorCode } from '../errors.ts';
import type { SignatureVersion } from './headers.ts';
import type { V3UrlForm } from './v3.ts';

/**
 * Which URL a valid v3 signature covered: `decoded` (the twelve escapes decoded, as HubSpot's
 * validation docs say), `raw` (the URL as sent, as HubSpot's official client and its local-dev
 * proxy for `hubspot.fetch` sign it), or `same` when the URL has none of those escapes, so both
 * forms are one string. docs/protocol.md §1, docs/decisions/0011
 */
export type V3UrlMatch = V3UrlForm | 'same';

/** One signature computed during verification: enough for `spoke verify` to explain a mismatch. */
export type VerifyAttempt = {
  version: SignatureVersion;
  /** Index of the secret used, in `[secret, ...secrets]` (without `secret` when it was not given). */
  secretIndex: number;
  /** The exact string hashed, the body in full, with the secret shown as `<secret>` (v3 uses it as the HMAC key). */
  source: string;
  /** Length of the raw body that was hashed. */
  bodyBytes: number;
  /**
   * First characters of the signature this secret gives: for local tools (`spoke verify`) only.
   * Never send it to a client or into a shared log: it is derived from the secret.
   */
  expectedPrefix: string;
  /** First characters of the signature the request carried. */
  receivedPrefix: string;
  matched: boolean;
  /** v3 only: which URL this attempt hashed (both are tried when they differ). */
  urlForm?: V3UrlForm;
};

/** Outcome of `verifySignature`: an expected failure is a result, not an exception. */
export type VerifyResult =
  | {
      ok: true;
      version: SignatureVersion;
      secretIndex: number;
      /** v3 only: which URL the signature covered. */
      v3UrlForm?: V3UrlMatch;
    }
  | { ok: false; code: ProtocolErrorCode; message: string; checked: VerifyAttempt[] };

/** The failing side of {@link VerifyResult}. */
export type VerifyFailure = Extract<VerifyResult, { ok: false }>;
