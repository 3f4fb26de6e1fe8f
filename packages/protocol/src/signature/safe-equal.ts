import { timingSafeEqual } from 'node:crypto';

/** Compares a received signature with the expected one in constant time. */
export function safeEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    // Lengths are public (64 hex or 44 base64 chars); still spend the same work before refusing.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
