import { bodyText, type SignatureBody } from './body.ts';
import { decodeUriForV3 } from './decode-uri.ts';
import { hmacSha256Base64 } from './digest.ts';

/**
 * Which URL a v3 signature covers: `decoded` has the twelve escapes of docs/protocol.md §1
 * decoded, as HubSpot's validation docs say; `raw` is the URL exactly as sent, as HubSpot's
 * official client (`Signature.getSignature`) and its local-dev proxy for `hubspot.fetch` hash it.
 * docs/decisions/0011
 */
export type V3UrlForm = 'decoded' | 'raw';

/** The URL text a v3 signature of `form` hashes. */
export function v3UrlText(url: string, form: V3UrlForm = 'decoded'): string {
  return form === 'raw' ? url : decodeUriForV3(url);
}

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
  /**
   * Which URL is hashed.
   * @default 'decoded'
   */
  urlForm?: V3UrlForm;
};

/**
 * v3 signature: `base64(hmacSha256(secret, METHOD + decodedUrl + rawBody + timestamp))`, or over
 * the raw URL with `urlForm: 'raw'`. docs/protocol.md §1
 */
export function computeV3({ secret, method, url, body, timestamp, urlForm }: V3Input): string {
  return hmacSha256Base64(secret, method.toUpperCase() + v3UrlText(url, urlForm), body, String(timestamp));
}

/** The string v3 hashes (the secret is the HMAC key, not part of it), for explanations. */
export function sourceV3({ method, url, body, timestamp, urlForm }: Omit<V3Input, 'secret'>): string {
  return method.toUpperCase() + v3UrlText(url, urlForm) + bodyText(body) + String(timestamp);
}
