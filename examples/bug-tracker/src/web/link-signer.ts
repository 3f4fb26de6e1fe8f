import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed IFRAME link is for; a token for one purpose is refused for another. */
export type LinkPurpose = 'new-issue' | 'edit-issue' | 'settings' | 'oauth-state';

/** Signs and checks the `token` of the IFRAME links the card hands out. */
export interface LinkSigner {
  /** A token binding `purpose` and `fields` until now + TTL. */
  sign(purpose: LinkPurpose, fields: Readonly<Record<string, string>>): string;
  /** True when `token` was made by `sign` for exactly this purpose and these fields and has not expired. */
  verify(purpose: LinkPurpose, fields: Readonly<Record<string, string>>, token: string): boolean;
}

/** Options of {@link createLinkSigner}. */
export interface LinkSignerOptions {
  /** The app's client secrets, newest first: the first signs, any verifies. */
  secrets: readonly string[];
  /** Epoch ms. */
  now: () => number;
  ttlMs: number;
}

// A key of its own, derived from the client secret, so a link token is never a HubSpot signature.
function deriveKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('bug-tracker iframe link v1').digest();
}

function mac(
  key: Buffer,
  purpose: string,
  expires: number,
  fields: Readonly<Record<string, string>>,
): Buffer {
  const canonical = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${encodeURIComponent(fields[name] ?? '')}`)
    .join('&');
  return createHmac('sha256', key).update(`${purpose}\n${expires}\n${canonical}`).digest();
}

/**
 * IFRAME actions are not signed by HubSpot (docs/protocol.md §2.4), so the pages they open would take
 * anyone's form. The card, which is signed, hands out links carrying a token: an expiry and an
 * HMAC of the link's fields. The pages refuse a missing, altered or expired token.
 */
export function createLinkSigner(options: LinkSignerOptions): LinkSigner {
  const keys = options.secrets.map(deriveKey);
  const [signingKey] = keys;
  if (signingKey === undefined) throw new TypeError('createLinkSigner needs at least one secret');
  return {
    sign(purpose, fields) {
      const expires = options.now() + options.ttlMs;
      return `${expires}.${mac(signingKey, purpose, expires, fields).toString('base64url')}`;
    },
    verify(purpose, fields, token) {
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match?.[1] || !match[2]) return false;
      const expires = Number(match[1]);
      if (expires < options.now()) return false;
      const given = Buffer.from(match[2], 'base64url');
      return keys.some((key) => {
        const expected = mac(key, purpose, expires, fields);
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    },
  };
}
