/** A JSON call to the emulator's control API (`/_spoke/…`); throws with the body on a non-2xx. */
export async function controlApi<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The `<input type="hidden">` values of an HTML form page, by name (what a browser posts back). */
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

/** The value of the option a `<select>` has selected. */
export function selectedOption(page: string, name: string): string | undefined {
  const select =
    new RegExp(`<select id="${name}" name="${name}">([\\s\\S]*?)</select>`).exec(page)?.[1] ?? '';
  return /<option value="([^"]*)" selected>/.exec(select)?.[1];
}
