import { errorDocUrl, SpokeProtocolError } from '../errors.ts';
import type { SignatureVersion } from './headers.ts';
import { type VerifySignatureOptions, verifySignature } from './verify-signature.ts';

/** Which signature matched, and with which secret (index into `[secret, ...secrets]`). */
export type AssertValidSignatureResult = { version: SignatureVersion; secretIndex: number };

/**
 * Throwing twin of `verifySignature`: returns the version and secret index that matched, or throws
 * a `SpokeProtocolError` with the same code and message as the failed result.
 */
export function assertValidSignature(options: VerifySignatureOptions): AssertValidSignatureResult {
  const result = verifySignature(options);
  if (result.ok) return { version: result.version, secretIndex: result.secretIndex };
  // The result's message is already framed as SpokeProtocolError frames it; unwrap so it is not doubled.
  const frame = { head: '[spoke] ', tail: ` See ${errorDocUrl(result.code)}` };
  const text = result.message.slice(frame.head.length, result.message.length - frame.tail.length);
  throw new SpokeProtocolError(result.code, text);
}
