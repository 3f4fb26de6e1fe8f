import { errorDocUrl, type ProtocolErrorCode } from '../errors.ts';
import { preview } from './mismatch-message.ts';
import type { VerifyAttempt, VerifyFailure } from './verify-result.ts';

/** A failed verification whose message is framed exactly as `SpokeProtocolError` frames one. */
export function signatureFailure(
  code: ProtocolErrorCode,
  text: string,
  checked: VerifyAttempt[] = [],
): VerifyFailure {
  return { ok: false, code, message: `[spoke] ${text} See ${errorDocUrl(code)}`, checked };
}

/** Message for a signature header that arrived more than once with different values. */
export function duplicateHeaderText(name: string, values: readonly string[], target: string): string {
  const shown = values.map((value) => JSON.stringify(preview(value))).join(', ');
  return `${name} arrived with ${values.length} different values (${shown}) on ${target}; a request carries one, so it is refused. Make sure no proxy or client adds the header a second time.`;
}
