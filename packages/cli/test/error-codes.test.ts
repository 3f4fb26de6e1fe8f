import { describe, expect, test } from 'vitest';
import { connectDeveloperApi } from '../src/config/connect-developer-api.ts';
import { createDeveloperApiClient } from '../src/config/developer-api-client.ts';
import { resolveApiTarget } from '../src/config/resolve-api-target.ts';
import { createEmulatorClient } from '../src/trigger/emulator-client.ts';

// Codes no other test produced by name: each provoked as a user meets it, through the function
// that raises it, with the network replaced by a fetch that answers as the case needs.

const answer =
  (status: number, body: string): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('developer API target and key', () => {
  test('CONFIG_APP_ID_MISSING: another API than the emulator with no app id names the three ways to give it', () => {
    expect(() => resolveApiTarget({ api: 'https://api.hubapi.com' }, null, {})).toThrow(
      expect.objectContaining({ code: 'CONFIG_APP_ID_MISSING' }),
    );
    expect(() => resolveApiTarget({ api: 'https://api.hubapi.com' }, null, {})).toThrow(
      /--app-id.*spoke\.config\.json.*SPOKE_APP_ID/,
    );
    // The emulator's own API falls back to its seeded app.
    expect(resolveApiTarget({}, null, {}).appId).toBeGreaterThan(0);
  });

  test('DEVELOPER_API_KEY_MISSING: no key and an API that is not an emulator', async () => {
    const target = { api: 'https://api.hubapi.com', hapikey: null, appId: 5 };
    await expect(connectDeveloperApi(target, { fetch: answer(404, '') })).rejects.toMatchObject({
      code: 'DEVELOPER_API_KEY_MISSING',
      message: expect.stringContaining('--hapikey or set SPOKE_DEVELOPER_API_KEY'),
    });
  });

  test('DEVELOPER_API_REPLY_INVALID: a reply that is not JSON, and one of the wrong shape', async () => {
    const client = (body: string) =>
      createDeveloperApiClient({ api: 'https://dev.test', hapikey: 'k', appId: 5, fetch: answer(200, body) });
    await expect(client('<html>hello</html>').listCards()).rejects.toMatchObject({
      code: 'DEVELOPER_API_REPLY_INVALID',
      message: expect.stringContaining('not JSON'),
    });
    await expect(client('{"results":"none"}').listCards()).rejects.toMatchObject({
      code: 'DEVELOPER_API_REPLY_INVALID',
      message: expect.stringContaining('does not match the expected shape'),
    });
  });
});

describe('the emulator client of spoke trigger', () => {
  test('CLI_EMULATOR_UNREACHABLE: nothing listens; the message names the URL and how to start it', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    await expect(createEmulatorClient('http://127.0.0.1:3400', refused).mode()).rejects.toMatchObject({
      code: 'CLI_EMULATOR_UNREACHABLE',
      message: expect.stringMatching(/127\.0\.0\.1:3400 \(ECONNREFUSED\).*spoke emulator/),
    });
  });

  test('CLI_EMULATOR_REFUSED: an error answer, the access token it needs, and no record to open', async () => {
    await expect(
      createEmulatorClient('http://e.test', answer(500, '{"message":"boom"}')).mode(),
    ).rejects.toMatchObject({ code: 'CLI_EMULATOR_REFUSED', message: expect.stringContaining('500') });
    await expect(
      createEmulatorClient(
        'http://e.test',
        answer(401, '{"code":"API_ACCESS_TOKEN_REQUIRED","message":"token"}'),
      ).mode(),
    ).rejects.toMatchObject({
      code: 'CLI_EMULATOR_REFUSED',
      message: expect.stringContaining('--token or set SPOKE_EMULATOR_TOKEN'),
    });
    await expect(
      createEmulatorClient('http://e.test', answer(200, '{"results":[]}')).firstRecordId('contacts'),
    ).rejects.toMatchObject({
      code: 'CLI_EMULATOR_REFUSED',
      message: expect.stringContaining('no contacts records'),
    });
  });
});
