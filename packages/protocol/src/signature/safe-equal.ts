import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a received signature with the expected one with `timingSafeEqual`: the time taken does
 * not depend on where they differ. Lengths are public (64 hex or 44 base64 characters), so a
 * length difference may show; contents may not. UTF-8 is one-to-one, so equal bytes mean equal text.
 */
export function safeEqual(received: string, expected: string): boolean {
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}
