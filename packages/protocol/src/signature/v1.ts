import { bodyText, type SignatureBody } from './body.ts';
import { sha256Hex } from './digest.ts';

/** Inputs of a v1 signature. */
export type V1Input = { secret: string; body: SignatureBody };

/** Stands in for the client secret wherever a source string is shown. */
export const secretPlaceholder = '<secret>';

/** v1 signature: `hex(sha256(secret + rawBody))`, hashing the body's raw bytes. docs/protocol.md §1 */
export function computeV1({ secret, body }: V1Input): string {
  return sha256Hex(secret, '', body);
}

/** The string v1 hashes, with the secret replaced by `<secret>`, for explanations. */
export function sourceV1({ body }: Omit<V1Input, 'secret'>): string {
  return secretPlaceholder + bodyText(body);
}
