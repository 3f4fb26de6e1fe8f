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

// The same readers the example's own tests use; one copy.
export { hiddenInputs, selectedOption } from '../../../examples/bug-tracker/test/helpers/form-fields.ts';
