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
 * Calls the emulator's HTTP API and returns the parsed JSON reply (undefined for 204).
 * Non-2xx replies throw UI_API_REQUEST_FAILED with the emulator's own message.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
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
  return body as T;
}
