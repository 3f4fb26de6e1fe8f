// The only escapes HubSpot decodes before hashing a v3 URL; every other escape is hashed as sent. docs/protocol.md §1
const decoded: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

/**
 * Decodes exactly the 12 escapes that v3 signatures decode (hex case-insensitive) and leaves every
 * other escape, such as `%20`, `%26`, `%3D` and `%25`, untouched. One pass, so `%253A` stays as is.
 * A scan from `%` to `%` rather than a replace with a callback: it runs on every v3 request, and
 * every converter call carries `%40` in `userEmail`.
 */
export function decodeUriForV3(url: string): string {
  let percent = url.indexOf('%');
  if (percent === -1) return url;
  let out = '';
  let copied = 0;
  while (percent !== -1 && percent + 2 < url.length) {
    const char = decoded.get(url.slice(percent + 1, percent + 3).toUpperCase());
    if (char === undefined) {
      percent = url.indexOf('%', percent + 1);
      continue;
    }
    out += url.slice(copied, percent) + char;
    copied = percent + 3;
    percent = url.indexOf('%', copied);
  }
  return copied === 0 ? url : out + url.slice(copied);
}
