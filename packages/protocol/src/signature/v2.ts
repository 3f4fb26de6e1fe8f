import { bodyText, type SignatureBody } from './body.ts';
import { sha256Hex } from './digest.ts';
import { secretPlaceholder } from './v1.ts';

/** Inputs of a v2 signature; `url` is the full public URL exactly as requested. */
export type V2Input = { secret: string; method: string; url: string; body: SignatureBody };

/** v2 signature: `hex(sha256(secret + METHOD + fullUrl + rawBody))`. docs/protocol.md §1 */
export function computeV2({ secret, method, url, body }: V2Input): string {
  return sha256Hex(secret, method.toUpperCase() + url, body);
}

/** The string v2 hashes, with the secret replaced by `<secret>`, for explanations. */
export function sourceV2({ method, url, body }: Omit<V2Input, 'secret'>): string {
  return secretPlaceholder + method.toUpperCase() + url + bodyText(body);
}
