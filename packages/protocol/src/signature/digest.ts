import { createHash, createHmac, hash } from 'node:crypto';
import type { SignatureBody } from './body.ts';

// Small requests (the usual platform call is well under 1 KB) are hashed with one `crypto.hash()`
// call over one contiguous buffer: `createHash()`/`createHmac()` build a C++ object and cross into
// C++ once per `update()`, which costs more than hashing a few hundred bytes. Larger bodies take
// the streaming path, where that fixed cost no longer shows and copying the body would.
const oneShotBytes = 16 * 1024;
// Reused for every small request; safe because hashing is synchronous (nothing else runs between
// filling it and hashing it).
const scratch = Buffer.allocUnsafe(oneShotBytes);
/** SHA-256 block size: the HMAC key is padded (or first hashed) to this length. RFC 2104 */
const blockBytes = 64;
const digestBytes = 32;

/**
 * Copies `first + second + body + tail` (strings as UTF-8) into the scratch buffer and returns how
 * many bytes it filled, or -1 when they may not fit. `offset` bytes at the start are left as they
 * are. The text parts are written one by one rather than joined first: no string is built.
 */
function fillScratch(
  offset: number,
  first: string,
  second: string,
  body: SignatureBody,
  tail: string,
): number {
  const bodyBound = typeof body === 'string' ? body.length * 3 : body.byteLength;
  // A UTF-16 code unit takes at most 3 UTF-8 bytes: a bound that needs no extra pass over the text.
  if (offset + (first.length + second.length + tail.length) * 3 + bodyBound > oneShotBytes) return -1;
  let end = offset + scratch.write(first, offset, 'utf8');
  if (second !== '') end += scratch.write(second, end, 'utf8');
  if (typeof body === 'string') end += scratch.write(body, end, 'utf8');
  else {
    scratch.set(body, end);
    end += body.byteLength;
  }
  return tail === '' ? end : end + scratch.write(tail, end, 'utf8');
}

/** `hex(sha256(utf8(secret + text) + body))`: the v1 digest (`text` empty) and the v2 digest. */
export function sha256Hex(secret: string, text: string, body: SignatureBody): string {
  const end = fillScratch(0, secret, text, body, '');
  if (end === -1)
    return createHash('sha256')
      .update(secret + text, 'utf8')
      .update(body)
      .digest('hex');
  return hash('sha256', scratch.subarray(0, end), 'hex');
}

/** The HMAC key blocks of one secret, computed once (a service has one or two secrets). */
type HmacKey = {
  /** key XOR 0x36, the start of the inner hash. */
  inner: Buffer;
  /** key XOR 0x5c, then room for the inner digest: the whole outer hash input. */
  outer: Buffer;
};

const hmacKeys = new Map<string, HmacKey>();
// Secrets come from configuration, so the map stays tiny; the bound only guards against a caller
// that passes a new secret on every call.
const maxHmacKeys = 32;

function hmacKey(secret: string): HmacKey {
  const known = hmacKeys.get(secret);
  if (known !== undefined) return known;
  let key = Buffer.from(secret, 'utf8');
  if (key.length > blockBytes) key = createHash('sha256').update(key).digest();
  const inner = Buffer.alloc(blockBytes, 0x36);
  const outer = Buffer.alloc(blockBytes + digestBytes, 0);
  outer.fill(0x5c, 0, blockBytes);
  for (let index = 0; index < key.length; index += 1) {
    inner[index] = (inner[index] ?? 0) ^ (key[index] ?? 0);
    outer[index] = (outer[index] ?? 0) ^ (key[index] ?? 0);
  }
  if (hmacKeys.size >= maxHmacKeys) hmacKeys.clear();
  const made = { inner, outer };
  hmacKeys.set(secret, made);
  return made;
}

/**
 * `base64(hmacSha256(key = secret, utf8(head) + body + utf8(tail)))`: the v3 digest. Small inputs
 * compute HMAC as RFC 2104 defines it, `H(outerKey + H(innerKey + message))`, with two one-shot
 * hashes (tests check it against `createHmac` for every key length).
 */
export function hmacSha256Base64(secret: string, head: string, body: SignatureBody, tail: string): string {
  const key = hmacKey(secret);
  const end = fillScratch(blockBytes, head, '', body, tail);
  if (end === -1) {
    return createHmac('sha256', secret)
      .update(head, 'utf8')
      .update(body)
      .update(tail, 'utf8')
      .digest('base64');
  }
  scratch.set(key.inner, 0);
  key.outer.set(hash('sha256', scratch.subarray(0, end), 'buffer'), blockBytes);
  return hash('sha256', key.outer, 'base64');
}
