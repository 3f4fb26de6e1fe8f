import { timingSafeEqual } from 'node:crypto';

/** A buffer for two strings of one length, and a view on each half (made once, reused). */
type Scratch = { whole: Buffer; first: Buffer; second: Buffer };

// One scratch per string length, kept for the next call: a compare allocates nothing (two
// `Buffer.from` per compare were about a sixth of a small v1 check) and makes two calls into C++
// (one write, `timingSafeEqual`). The lengths are those of expected signatures (64 hex or 44 base64
// characters), so there are two. The compare is synchronous: no other call writes in between.
const scratches = new Map<number, Scratch>();

function scratchFor(length: number): Scratch {
  let scratch = scratches.get(length);
  if (scratch === undefined) {
    const whole = Buffer.alloc(length * 2);
    scratch = { whole, first: whole.subarray(0, length), second: whole.subarray(length) };
    scratches.set(length, scratch);
  }
  return scratch;
}

/**
 * Compares a received signature with the expected one with `timingSafeEqual`: the time taken does
 * not depend on where they differ. Lengths are public (64 hex or 44 base64 characters), so a
 * length difference may show; contents may not.
 *
 * Both are written one byte per character (latin1, the cheapest write). A character above U+00FF
 * keeps only its low byte there, so equal bytes are confirmed with `===`: it runs only once every
 * byte already matched, when the sender has the expected signature's characters anyway.
 */
export function safeEqual(received: string, expected: string): boolean {
  const length = expected.length;
  if (received.length !== length) return false;
  const { whole, first, second } = scratchFor(length);
  whole.write(received + expected, 0, 'latin1');
  return timingSafeEqual(first, second) && received === expected;
}
