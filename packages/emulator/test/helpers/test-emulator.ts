import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type EmulatorOptions } from '@spoke/emulator';

/** Fixed keys so tests can authenticate without reading them back. */
export const testKeys = { developerApiKey: 'dev-key-123', clientSecret: 'secret-abc' } as const;

/** A settable clock starting at 2026-01-15T10:00:00Z. */
export function testClock(start = Date.UTC(2026, 0, 15, 10, 0, 0)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    set(ms: number) {
      now = ms;
    },
    advance(ms: number) {
      now += ms;
    },
  });
}

/** Sequential ids: uuid-0001, uuid-0002… */
export function sequentialIds(prefix = 'uuid') {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

// A folder with no UI build: whether `npm run build` has bundled the UI must not change what
// these tests see at `/` (tests/ui serves the real build).
const noUiDir = fileURLToPath(new URL('./no-ui-build/', import.meta.url));

/** An in-memory emulator seeded with fixed keys, serving the no-UI index page at `/`. */
export function testEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return createEmulator({
    seed: { ...testKeys },
    randomUUID: sequentialIds(),
    uiDir: noUiDir,
    ...options,
  });
}

type Json = Record<string, unknown> | unknown[] | string | number | boolean | null;

/** Calls the emulator in-process; returns status, headers and parsed JSON (null for no body), typed as `T`. */
export async function call<T = Record<string, unknown>>(
  emulator: Pick<Emulator, 'fetch'>,
  method: string,
  path: string,
  body?: Json | { raw: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body =
      typeof body === 'object' && body !== null && 'raw' in body ? String(body.raw) : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await emulator.fetch(new Request(`http://emulator.test${path}`, init));
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** `?hapikey=` with the test developer key. */
export function withKey(path: string, key: string = testKeys.developerApiKey): string {
  return `${path}${path.includes('?') ? '&' : '?'}hapikey=${encodeURIComponent(key)}`;
}

/** A card definition body for `objectTypes`. */
export function cardBody(targetUrl = 'https://service.test/cards', objectTypes: string[] = ['contacts']) {
  return {
    title: 'Issues',
    fetch: {
      targetUrl,
      objectTypes: objectTypes.map((name) => ({ name, propertiesToSend: ['email', 'firstname'] })),
    },
    display: {
      properties: [
        {
          name: 'status',
          label: 'Status',
          dataType: 'STATUS',
          options: [{ name: 'open', label: 'Open', type: 'SUCCESS' }],
        },
      ],
    },
    actions: { baseUrls: ['https://service.test'] },
  };
}
