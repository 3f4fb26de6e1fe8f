import { bodyText, type SignatureBody } from './body.ts';
import { decodeUriForV3 } from './decode-uri.ts';
import { hmacSha256Base64 } from './digest.ts';

/**
 * Inputs of a v3 signature. `timestamp` is epoch milliseconds; pass the header's string when
 * verifying so exactly the received digits are hashed.
 */
export type V3Input = {
  secret: string;
  method: string;
  url: string;
  body: SignatureBody;
  timestamp: number | string;
};

/** v3 signature: `base64(hmacSha256(secret, METHOD + decodedUrl + rawBody + timestamp))`. docs/protocol.md §1 */
export function computeV3({ secret, method, url, body, timestamp }: V3Input): string {
  return hmacSha256Base64(secret, method.toUpperCase() + decodeUriForV3(url), body, String(timestamp));
}

/** The string v3 hashes (the secret is the HMAC key, not part of it), for explanations. */
export function sourceV3({ method, url, body, timestamp }: Omit<V3Input, 'secret'>): string {
  return method.toUpperCase() + decodeUriForV3(url) + bodyText(body) + String(timestamp);
}
