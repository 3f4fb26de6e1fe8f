import { afterEach, describe, expect, test, vi } from 'vitest';
import { api } from './http.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the UI client of the emulator API', () => {
  test('UI_EMULATOR_UNREACHABLE: the emulator does not answer', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api('/_spoke/apps')).rejects.toMatchObject({
      code: 'UI_EMULATOR_UNREACHABLE',
      message: expect.stringContaining('did not answer /_spoke/apps; is it running?'),
    });
  });

  test('an aborted request rethrows the abort, not UI_EMULATOR_UNREACHABLE', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', async () => {
      throw aborted;
    });
    await expect(api('/_spoke/apps', { signal: controller.signal })).rejects.toBe(aborted);
  });

  test("UI_API_REQUEST_FAILED: a non-2xx reply carries the emulator's own message", async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response('{"message":"no app 7","code":"API_NOT_FOUND"}', { status: 404 }),
    );
    await expect(api('/_spoke/apps/7')).rejects.toMatchObject({
      code: 'UI_API_REQUEST_FAILED',
      message: expect.stringContaining('no app 7'),
    });
    vi.stubGlobal('fetch', async () => new Response('bad gateway', { status: 502 }));
    await expect(api('/_spoke/apps/7')).rejects.toMatchObject({
      code: 'UI_API_REQUEST_FAILED',
      message: expect.stringContaining('the emulator answered 502'),
    });
  });
});
