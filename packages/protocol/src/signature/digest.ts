import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { SignatureBody } from './body.ts';

// Standard `node:crypto` only: a short text body is hashed with the text before and after it in
// one `update()` (each update is a call into C++); a byte body, and a text body of
// `ownUpdateFrom` characters or more, with one `update()` per part. Joined to the text around it,
// a large text body is copied whole into a new string before it is hashed: about 10 µs of a 64 KiB
// check (a sixth). From about 2 KiB the extra call costs less than the copy.

/** Length (UTF-16 units) from which a text body is hashed in its own `update()`. */
export const ownUpdateFrom = 2048;

/** Node's one-shot digest of a whole input, `crypto.hash()`, or nothing on a runtime without it. */
type OneShotHash = (algorithm: 'sha256', data: string, encoding: 'hex') => string;

// `crypto.hash()` (Node 20.12+, 21.7+) hashes one input without building a Hash object: about
// 0.8 µs against 1.9 µs for `createHash().update().digest()` on a small v1/v2 source, measured in
// bench/verification.ts. Read off the namespace, so a runtime whose `node:crypto` lacks it (an
// older Bun or Deno) falls back to `createHash` instead of failing to load the module.
const oneShotHash: OneShotHash | undefined =
  typeof nodeCrypto.hash === 'function' ? (nodeCrypto.hash as OneShotHash) : undefined;

/** `hex(sha256(utf8(secret + text) + body))`: the v1 digest (`text` empty) and the v2 digest. */
export function sha256Hex(secret: string, text: string, body: SignatureBody): string {
  return sha256HexWith(oneShotHash, secret, text, body);
}

/** {@link sha256Hex} with the one-shot hash given, so both paths can be tested on one runtime. */
export function sha256HexWith(
  oneShot: OneShotHash | undefined,
  secret: string,
  text: string,
  body: SignatureBody,
): string {
  if (typeof body === 'string' && body.length < ownUpdateFrom) {
    const source = secret + text + body;
    if (oneShot !== undefined) return oneShot('sha256', source, 'hex');
    return createHash('sha256').update(source, 'utf8').digest('hex');
  }
  // A string given to `update()` without an encoding is hashed as UTF-8.
  return createHash('sha256')
    .update(secret + text, 'utf8')
    .update(body)
    .digest('hex');
}

// Each secret as a `KeyObject`, made once: `createHmac` then skips turning the string into key
// bytes on every request (about 9 % of a small request's HMAC). Secrets come from configuration,
// so the map stays tiny; the bound only guards against a caller passing a new secret each call.
const keys = new Map<string, KeyObject>();
const maxKeys = 32;

function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= maxKeys) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** `base64(hmacSha256(key = secret, utf8(head) + body + utf8(tail)))`: the v3 digest. */
export function hmacSha256Base64(secret: string, head: string, body: SignatureBody, tail: string): string {
  const hmac = createHmac('sha256', hmacKey(secret));
  if (typeof body === 'string' && body.length < ownUpdateFrom) {
    return hmac.update(head + body + tail, 'utf8').digest('base64');
  }
  // A string given to `update()` without an encoding is hashed as UTF-8.
  return hmac.update(head, 'utf8').update(body).update(tail, 'utf8').digest('base64');
}
