import type { ProtocolErrorCode } from '../errors.ts';
import type { SignatureVersion } from './headers.ts';

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
};

/** Outcome of `verifySignature`: an expected failure is a result, not an exception. */
export type VerifyResult =
  | { ok: true; version: SignatureVersion; secretIndex: number }
  | { ok: false; code: ProtocolErrorCode; message: string; checked: VerifyAttempt[] };

/** The failing side of {@link VerifyResult}. */
export type VerifyFailure = Extract<VerifyResult, { ok: false }>;
