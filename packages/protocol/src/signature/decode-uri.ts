// The only escapes HubSpot decodes before hashing a v3 URL; every other escape is hashed as sent. docs/protocol.md §1
const decoded: Readonly<Record<string, string>> = {
  '3A': ':',
  '2F': '/',
  '3F': '?',
  '40': '@',
  '21': '!',
  '24': '$',
  '27': "'",
  '28': '(',
  '29': ')',
  '2A': '*',
  '2C': ',',
  '3B': ';',
};

const escapePattern = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/**
 * Decodes exactly the 12 escapes that v3 signatures decode (hex case-insensitive) and leaves every
 * other escape, such as `%20`, `%26`, `%3D` and `%25`, untouched. One pass, so `%253A` stays as is.
 */
export function decodeUriForV3(url: string): string {
  // Most URLs carry no escape at all: skip the regular expression for them.
  if (!url.includes('%')) return url;
  return url.replace(escapePattern, (match, hex: string) => decoded[hex.toUpperCase()] ?? match);
}
