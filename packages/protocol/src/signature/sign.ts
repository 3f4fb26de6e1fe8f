import type { SignatureBody } from './body.ts';
import {
  requestTimestampHeader,
  type SignatureVersion,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
} from './headers.ts';
import { computeV1 } from './v1.ts';
import { computeV2 } from './v2.ts';
import { computeV3, type V3UrlForm } from './v3.ts';

/** Options of {@link sign}. */
export type SignOptions = {
  /** Which signature to produce; `all` is what the platform sends (v2 and v3, docs/protocol.md §1 Decision). */
  version: SignatureVersion | 'all';
  /** The app's client secret. */
  secret: string;
  /** HTTP method; uppercased before hashing. */
  method: string;
  /** The full public URL the request goes to. */
  url: string;
  /** The raw body that will be sent. */
  body: SignatureBody;
  /**
   * Epoch milliseconds for v3.
   * @default Date.now()
   */
  timestamp?: number;
  /**
   * Which URL v3 covers: `decoded` as HubSpot's validation docs say (legacy CRM cards), `raw` as
   * `hubspot.fetch` signs through HubSpot's local-dev proxy. docs/decisions/0011
   * @default 'decoded'
   */
  v3UrlForm?: V3UrlForm;
};

/** Returns the signature headers to send with a request, as the platform would set them. */
export function sign(options: SignOptions): Record<string, string> {
  const { version, secret, method, url, body } = options;
  switch (version) {
    case 'v1':
      return { [signatureHeader]: computeV1({ secret, body }), [signatureVersionHeader]: 'v1' };
    case 'v2':
      return { [signatureHeader]: computeV2({ secret, method, url, body }), [signatureVersionHeader]: 'v2' };
    case 'v3': {
      const timestamp = options.timestamp ?? Date.now();
      const urlForm = options.v3UrlForm ?? 'decoded';
      return {
        [signatureV3Header]: computeV3({ secret, method, url, body, timestamp, urlForm }),
        [requestTimestampHeader]: String(timestamp),
      };
    }
    case 'all':
      return { ...sign({ ...options, version: 'v2' }), ...sign({ ...options, version: 'v3' }) };
  }
}
