/** The `<input type="hidden">` values of an HTML page, by name (what a browser would post back). */
export function hiddenInputs(page: string): Record<string, string> {
  const decode = (text: string) =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const fields: Record<string, string> = {};
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (match[1] !== undefined) fields[match[1]] = decode(match[2] ?? '');
  }
  return fields;
}

/** The value a `<select>` has selected in an HTML page. */
export function selectedOption(page: string, name: string): string | undefined {
  const select =
    new RegExp(`<select id="${name}" name="${name}">([\\s\\S]*?)</select>`).exec(page)?.[1] ?? '';
  return /<option value="([^"]*)" selected>/.exec(select)?.[1];
}

/** A form post as a browser sends it. */
export function formPost(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}
