/**
 * Compares a received signature with the expected one in constant time: every character of the
 * expected signature is compared, with no early exit, and nothing is allocated. Lengths are
 * public (64 hex or 44 base64 characters), so a length difference may show; contents may not.
 */
export function safeEqual(received: string, expected: string): boolean {
  const length = expected.length;
  let difference = received.length ^ length;
  for (let index = 0; index < length; index += 1) {
    // Past the end of `received`, charCodeAt gives NaN, which `^` turns into 0: still a difference.
    difference |= received.charCodeAt(index) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}
