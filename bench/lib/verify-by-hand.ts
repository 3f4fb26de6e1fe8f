import { createHash, createHmac, hash, timingSafeEqual } from 'node:crypto';

// Written by hand as an integrator would, without @spoke/protocol: the fair baseline. Each check
// is the natural fast form: the source concatenated and hashed in one `update()` (a byte body is
// joined as text, as `${body}` does), and the received signature compared with `timingSafeEqual`.
const v3Escapes = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;
const maxSkewMs = 300_000;

/** What a hand-written v3 check needs. */
export interface HandCheck {
  secret: string;
  method: string;
  url: string;
  body: Buffer | string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Epoch ms. @default Date.now() */
  now?: number;
}

/** v3 HMAC check by hand: timestamp window, decode the 12 escapes, HMAC, constant-time compare. */
export function verifyV3ByHand(check: HandCheck): boolean {
  const { signature, timestamp } = check;
  if (signature === undefined || timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) return false;
  if (Math.abs((check.now ?? Date.now()) - Number(timestamp)) > maxSkewMs) return false;
  const url = check.url.includes('%')
    ? check.url.replace(v3Escapes, (encoded) => decodeURIComponent(encoded))
    : check.url;
  const expected = createHmac('sha256', check.secret)
    .update(`${check.method}${url}${check.body}${timestamp}`)
    .digest();
  const received = Buffer.from(signature, 'base64');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

function equalHex(signature: string | undefined, expected: Buffer): boolean {
  if (signature === undefined) return false;
  const received = Buffer.from(signature, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** v1 check by hand: `sha256(secret + body)`, constant-time compare. */
export function verifyV1ByHand(check: Omit<HandCheck, 'timestamp' | 'now'>): boolean {
  return equalHex(check.signature, createHash('sha256').update(`${check.secret}${check.body}`).digest());
}

/** v2 check by hand: `sha256(secret + METHOD + url + body)`, constant-time compare. */
export function verifyV2ByHand(check: Omit<HandCheck, 'timestamp' | 'now'>): boolean {
  const expected = createHash('sha256')
    .update(`${check.secret}${check.method}${check.url}${check.body}`)
    .digest();
  return equalHex(check.signature, expected);
}

// The same two checks with Node's one-shot `crypto.hash()` (Node 20.12+), which @spoke/protocol
// uses for a small text body: a second baseline, so the bench shows what that choice is worth and
// does not credit Spoke with it.

/** v1 check by hand with `crypto.hash()`. */
export function verifyV1OneShot(check: Omit<HandCheck, 'timestamp' | 'now'>): boolean {
  return equalHex(check.signature, hash('sha256', `${check.secret}${check.body}`, 'buffer'));
}

/** v2 check by hand with `crypto.hash()`. */
export function verifyV2OneShot(check: Omit<HandCheck, 'timestamp' | 'now'>): boolean {
  const source = `${check.secret}${check.method}${check.url}${check.body}`;
  return equalHex(check.signature, hash('sha256', source, 'buffer'));
}
