import { SpokeUiError } from '../errors.ts';

/** Where the emulator is: the page's own origin (the emulator serves the UI at `/`). */
const base = '';

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return `the emulator answered ${status}`;
}

/**
 * The texts of the emulator's `Warning: 299 spoke "…"` headers (fetch joins repeated headers with
 * ", "; a quoted text escapes `"` and `\\` with a backslash).
 */
export function warningTexts(headers: Headers): string[] {
  const value = headers.get('warning') ?? '';
  return [...value.matchAll(/299 spoke "((?:[^"\\]|\\.)*)"/g)].map((match) =>
    (match[1] ?? '').replace(/\\(.)/g, '$1'),
  );
}

/**
 * Calls the emulator's HTTP API and returns the parsed JSON reply (undefined for 204).
 * Non-2xx replies throw UI_API_REQUEST_FAILED with the emulator's own message. `onWarnings`
 * gets the texts of a 2xx reply's Warning headers (what was done, and what to know about it).
 */
export async function api<T>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    signal?: AbortSignal;
    onWarnings?: (texts: string[]) => void;
  } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new SpokeUiError('UI_EMULATOR_UNREACHABLE', `the emulator did not answer ${path}; is it running?`, {
      cause,
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!response.ok) {
    throw new SpokeUiError('UI_API_REQUEST_FAILED', messageOf(body, response.status), {
      replyStatus: response.status,
    });
  }
  init.onWarnings?.(warningTexts(response.headers));
  return body as T;
}
