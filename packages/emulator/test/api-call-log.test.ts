import { randomUUID } from 'node:crypto';
import {
  type ApiCall,
  createEventHub,
  createSqliteStore,
  type Emulator,
  type EmulatorEvent,
  type EmulatorOptions,
  type Exchange,
  type Store,
} from '@spoke/emulator';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeService } from './helpers/fake-service.ts';
import { installThroughOauth, testRedirectUri } from './helpers/oauth-install.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { call, testClock, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

type Logged = Exchange | ApiCall;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** An emulator with real random ids, so tokens and codes are as long and unguessable as they will be. */
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await testEmulator({ randomUUID, clock: testClock(), ...options });
  cleanup.push(() => emulator.close());
  return emulator;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

/** The whole log, both directions, newest first. */
async function log(emulator: Emulator, query = '&direction=all'): Promise<Logged[]> {
  const answer = await call<{ results: Logged[] }>(emulator, 'GET', `/_spoke/requests?limit=1000${query}`);
  expect(answer.status).toBe(200);
  return answer.body.results;
}

const inbound = (entries: readonly Logged[]) =>
  entries.filter((entry): entry is ApiCall => entry.direction === 'inbound');

/** Asserts that none of `secrets` appears in the listing, nor in the rows as the store keeps them. */
async function expectNowhere(emulator: Emulator, secrets: readonly string[]): Promise<void> {
  const listed = JSON.stringify(await log(emulator));
  const stored = JSON.stringify(await emulator.store.exchanges.entries());
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(listed).not.toContain(secret);
    expect(stored).not.toContain(secret);
  }
}

describe("the request log keeps the apps' calls to HubSpot's side", () => {
  test('a token exchange: app, portal, status, bodies, with the secret, the code and the tokens redacted', async () => {
    const emulator = await start();
    const consentCodes: string[] = [];
    const { accessToken, refreshToken, clientId } = await installThroughOauth({
      fetch: async (request) => {
        const response = await emulator.fetch(request);
        if (new URL(request.url).pathname === '/_spoke/oauth/authorize') {
          const location = ((await response.clone().json()) as { location: string }).location;
          consentCodes.push(new URL(location).searchParams.get('code') ?? '');
        }
        return response;
      },
    });
    const [code] = consentCodes;
    if (!code) throw new Error('no code from the consent');

    const calls = inbound(await log(emulator));
    expect(calls).toHaveLength(1);
    const [token] = calls;
    expect(token).toMatchObject({
      direction: 'inbound',
      kind: 'oauth.token',
      appId: 1000,
      portalId: 62515,
      outcome: 'ok',
      error: null,
      request: { method: 'POST', url: '/oauth/v1/token' },
      reply: { status: 200 },
    });
    expect(token?.timing.totalMs).toBeGreaterThanOrEqual(0);
    // The form as sent, with each secret cut to a few characters and "…".
    const sent = new URLSearchParams(token?.request.body);
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('client_id')).toBe(clientId);
    expect(sent.get('redirect_uri')).toBe(testRedirectUri);
    expect(sent.get('client_secret')).toBe('se…');
    expect(sent.get('code')).toBe(`${code.slice(0, 8)}…`);
    const answered = JSON.parse(token?.reply.body ?? '{}') as Record<string, unknown>;
    expect(answered).toEqual({
      token_type: 'bearer',
      access_token: `spoke-at-${accessToken.slice('spoke-at-'.length, 'spoke-at-'.length + 8)}…`,
      refresh_token: `spoke-rt-${refreshToken.slice('spoke-rt-'.length, 'spoke-rt-'.length + 8)}…`,
      expires_in: 1800,
    });
    expect(token?.reply.headers['content-type']).toMatch(/^application\/json/);
    await expectNowhere(emulator, [testKeys.clientSecret, code, accessToken, refreshToken]);
  });

  test('a refresh, token metadata and a revoked refresh token name their app; the token in the path is redacted', async () => {
    const emulator = await start();
    const { accessToken, refreshToken, clientId } = await installThroughOauth(emulator);
    const refreshed = await emulator.fetch(
      new Request(
        'http://emulator.test/oauth/v1/token',
        form({
          grant_type: 'refresh_token',
          client_id: clientId,
          client_secret: testKeys.clientSecret,
          refresh_token: refreshToken,
        }),
      ),
    );
    expect(refreshed.status).toBe(200);
    const newAccess = ((await refreshed.json()) as { access_token: string }).access_token;
    const info = await call(emulator, 'GET', `/oauth/v1/access-tokens/${newAccess}`);
    expect(info.status).toBe(200);
    const revoked = await call(emulator, 'DELETE', `/oauth/v1/refresh-tokens/${refreshToken}`);
    expect(revoked.status).toBe(204);

    const [deleted, metadata, refresh] = inbound(await log(emulator));
    expect(refresh).toMatchObject({ kind: 'oauth.token', appId: 1000, portalId: 62515, outcome: 'ok' });
    expect(new URLSearchParams(refresh?.request.body).get('grant_type')).toBe('refresh_token');
    expect(new URLSearchParams(refresh?.request.body).get('refresh_token')).toMatch(/^spoke-rt-.{8}…$/);
    expect(metadata).toMatchObject({
      kind: 'oauth.access-tokens',
      appId: 1000,
      portalId: 62515,
      request: { method: 'GET' },
      reply: { status: 200 },
    });
    expect(metadata?.request.url).toMatch(/^\/oauth\/v1\/access-tokens\/spoke-at-.{8}…$/);
    // The metadata answers with the token itself under `token`: redacted too; the rest as sent.
    const body = JSON.parse(metadata?.reply.body ?? '{}') as Record<string, unknown>;
    expect(body.token).toMatch(/^spoke-at-.{8}…$/);
    expect(body.hub_id).toBe(62515);
    // The DELETE removed its token: its owner was found before.
    expect(deleted).toMatchObject({
      kind: 'oauth.refresh-tokens',
      appId: 1000,
      portalId: 62515,
      request: { method: 'DELETE' },
      reply: { status: 204, body: '' },
    });
    await expectNowhere(emulator, [testKeys.clientSecret, accessToken, refreshToken, newAccess]);
  });

  test('a refused call is logged with its error, its correlationId and the redacted credential', async () => {
    const emulator = await start();
    const wrongToken = `spoke-at-${randomUUID()}`;
    const refused = await call<{ correlationId: string }>(
      emulator,
      'GET',
      '/crm/v3/extensions/cards-dev/1000',
      undefined,
      { authorization: `Bearer ${wrongToken}` },
    );
    expect(refused.status).toBe(401);
    const wrongSecret = await emulator.fetch(
      new Request(
        'http://emulator.test/oauth/v1/token',
        form({ grant_type: 'refresh_token', client_id: 'nope', client_secret: 'a-wrong-secret-value' }),
      ),
    );
    expect(wrongSecret.status).toBe(400);

    // JSON instead of a form: refused (415), and its code and secret are still redacted.
    const jsonCode = randomUUID();
    const asJson = await call(emulator, 'POST', '/oauth/v1/token', {
      grant_type: 'authorization_code',
      code: jsonCode,
      client_secret: 'a-wrong-secret-value',
    });
    expect(asJson.status).toBe(415);

    const [json, oauth, developer] = inbound(await log(emulator));
    expect(json).toMatchObject({ kind: 'oauth.token', reply: { status: 415 } });
    expect(JSON.parse(json?.request.body ?? '{}')).toEqual({
      grant_type: 'authorization_code',
      code: `${jsonCode.slice(0, 8)}…`,
      client_secret: 'a-wro…',
    });
    expect(JSON.parse(json?.reply.body ?? '{}').code).toBe('API_UNSUPPORTED_MEDIA_TYPE');
    expect(developer).toMatchObject({
      kind: 'crm.extensions',
      appId: null,
      portalId: null,
      outcome: 'error',
      reply: { status: 401 },
      error: { code: 'API_UNAUTHORIZED', correlationId: refused.body.correlationId },
    });
    expect(developer?.request.headers.authorization).toMatch(/^Bearer spoke-at-.{8}…$/);
    expect(oauth).toMatchObject({
      kind: 'oauth.token',
      outcome: 'error',
      error: { code: 'OAUTH_BAD_CLIENT_ID' },
      reply: { status: 400 },
    });
    await expectNowhere(emulator, [wrongToken, 'a-wrong-secret-value', jsonCode]);
  });

  test('CRM API calls name the token’s app and portal, an expired token’s too; the bearer token is redacted', async () => {
    const clock = testClock();
    const emulator = await start({ clock });
    const { accessToken } = await installThroughOauth(emulator);
    const bearer = { authorization: `Bearer ${accessToken}` };
    const [contact] = (await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts'))
      .body.results;
    const read = await call(
      emulator,
      'GET',
      `/crm/v3/objects/contacts/${contact?.id}?properties=email`,
      undefined,
      bearer,
    );
    expect(read.status).toBe(200);
    const update = await call(
      emulator,
      'PATCH',
      `/crm/v3/objects/contacts/${contact?.id}`,
      { properties: { firstname: 'Ada' } },
      bearer,
    );
    expect(update.status).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await call<{ correlationId: string }>(
      emulator,
      'GET',
      `/crm/v3/objects/contacts/${contact?.id}`,
      undefined,
      bearer,
    );
    expect(expired.status).toBe(401);

    const [refused, patched, got] = inbound(await log(emulator));
    for (const entry of [got, patched, refused]) {
      expect(entry).toMatchObject({ kind: 'crm.objects', appId: 1000, portalId: 62515 });
      expect(entry?.request.headers.authorization).toMatch(/^Bearer spoke-at-.{8}…$/);
    }
    expect(got).toMatchObject({
      request: { method: 'GET', url: `/crm/v3/objects/contacts/${contact?.id}?properties=email` },
      reply: { status: 200 },
      outcome: 'ok',
    });
    expect(JSON.parse(got?.reply.body ?? '{}')).toMatchObject({ id: contact?.id });
    expect(JSON.parse(patched?.request.body ?? '{}')).toEqual({ properties: { firstname: 'Ada' } });
    expect(refused).toMatchObject({
      outcome: 'error',
      reply: { status: 401 },
      error: { correlationId: expired.body.correlationId },
    });
    expect(refused?.error?.code).toBe('CRM_TOKEN_EXPIRED');
    await expectNowhere(emulator, [accessToken]);
  });

  test('a developer API call names the key’s app; a 429 of the rate limit is logged too', async () => {
    const emulator = await start({ rateLimit: { maxPerInterval: 2, intervalMs: 10_000 } });
    for (let i = 0; i < 3; i++) await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    const calls = inbound(await log(emulator));
    expect(calls.map((c) => c.reply.status)).toEqual([429, 200, 200]);
    expect(calls.every((c) => c.appId === 1000 && c.kind === 'crm.extensions')).toBe(true);
    expect(calls[0]?.error?.code).toBe('API_RATE_LIMITED');
    expect(calls[1]?.reply.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(calls[1]?.request.url).toBe('/crm/v3/extensions/cards-dev/1000?hapikey=de…');
    await expectNowhere(emulator, [testKeys.developerApiKey]);
  });

  test('of two apps sharing a developer API key, the one the path names is the caller', async () => {
    const emulator = await start();
    const second = await call<{ id: number }>(emulator, 'POST', '/_spoke/apps', {
      name: 'Second',
      developerApiKey: testKeys.developerApiKey,
      clientSecrets: ['another-secret-value'],
    });
    expect(second.status).toBe(201);
    await call(emulator, 'GET', withKey(`/crm/v3/extensions/cards-dev/${second.body.id}`));
    await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    expect(inbound(await log(emulator)).map((c) => c.appId)).toEqual([1000, second.body.id]);
  });

  test('the control API, the consent screen and the web UI’s own developer-API reads are not logged', async () => {
    const emulator = await start();
    await call(emulator, 'GET', '/_spoke/apps');
    const fromUi = await call(
      emulator,
      'GET',
      withKey('/crm/v3/extensions/calling/1000/settings'),
      undefined,
      {
        'sec-fetch-site': 'same-origin',
      },
    );
    expect(fromUi.status).toBe(404);
    await emulator.fetch(new Request('http://emulator.test/oauth/authorize?client_id=x'));
    expect(await log(emulator)).toEqual([]);
  });
});

describe('one timeline with the exchanges', () => {
  async function withService(options: EmulatorOptions = {}) {
    const clock = testClock();
    const service = fakeService(shareViaHandler(), testKeys.clientSecret, clock);
    const emulator = await start({ fetch: service.fetch, clock, ...options });
    await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test/hooks' });
    const exchange = async () =>
      expect((await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS')).status).toBe(
        200,
      );
    const apiCall = async () =>
      expect((await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'))).status).toBe(200);
    return { emulator, exchange, apiCall, clock };
  }

  test('a page lists by start time, though an API call is written a moment after its answer', async () => {
    const { emulator, exchange, apiCall, clock } = await withService();
    await apiCall();
    clock.advance(1000);
    // Logged at once, before the API call made a second earlier is written.
    await exchange();
    const [newest, older] = await log(emulator);
    expect(newest?.direction).toBeUndefined();
    expect(older?.direction).toBe('inbound');
    expect((newest?.startedAt ?? 0) - (older?.startedAt ?? 0)).toBe(1000);
  });

  test('?direction=all lists both on one timeline; the default is the exchanges, as before', async () => {
    const { emulator, exchange, apiCall } = await withService();
    for (const step of [exchange, apiCall, exchange]) {
      await step();
      await log(emulator);
    }
    const all = await log(emulator);
    expect(all.map((e) => e.direction ?? 'outbound')).toEqual(['outbound', 'inbound', 'outbound']);
    const ids = async (query: string) => (await log(emulator, query)).map((e) => e.id);
    expect(await ids('')).toEqual([all[0]?.id, all[2]?.id]);
    expect(await ids('&direction=outbound')).toEqual([all[0]?.id, all[2]?.id]);
    expect(await ids('&direction=inbound')).toEqual([all[1]?.id]);
    expect(await ids('&direction=all&kind=crm.extensions')).toEqual([all[1]?.id]);
    expect(await ids('&kind=share-via.check-permissions')).toEqual([all[0]?.id, all[2]?.id]);
    expect(await ids('&direction=all&appId=1000')).toEqual(all.map((e) => e.id));
    expect(await ids('&direction=all&appId=1001')).toEqual([]);
    const bad = await call(emulator, 'GET', '/_spoke/requests?direction=sideways');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('direction');
  });

  test('an API call is read back by id, and cannot be replayed', async () => {
    const { emulator, apiCall } = await withService();
    await apiCall();
    const [logged] = await log(emulator);
    const one = await call<ApiCall>(emulator, 'GET', `/_spoke/requests/${logged?.id}`);
    expect(one.body).toEqual(logged);
    const replay = await call<{ code: string; message: string }>(
      emulator,
      'POST',
      `/_spoke/requests/${logged?.id}/replay`,
      {},
    );
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('API_CONFLICT');
    expect(replay.body.message).toContain('only the platform');
  });

  test('retention bounds both together, newest kept', async () => {
    const { emulator, exchange, apiCall } = await withService({ requestLog: { maxEntries: 3 } });
    // Listing the log waits for the API calls already answered: each is written before the next call.
    for (const step of [exchange, apiCall, exchange, apiCall, apiCall]) {
      await step();
      await log(emulator);
    }
    const left = await log(emulator);
    expect(left.map((e) => e.direction ?? 'outbound')).toEqual(['inbound', 'inbound', 'outbound']);
    expect(await emulator.store.exchanges.count()).toBe(3);
  });

  test('API calls age out by the injected clock like exchanges', async () => {
    const clock = testClock();
    const day = 86_400_000;
    const emulator = await start({ clock, requestLog: { maxAgeMs: day } });
    await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    clock.advance(day + 1);
    await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    const left = await log(emulator);
    expect(left).toHaveLength(1);
    expect(left[0]?.startedAt).toBe(clock());
  });

  test('the live event stream announces each API call', async () => {
    const events = createEventHub();
    const heard: EmulatorEvent[] = [];
    events.subscribe((event) => heard.push(event));
    const emulator = await start({ events });
    await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    const [logged] = await log(emulator);
    expect(heard.filter((e) => e.type === 'api-call').map((e) => e.data)).toEqual([logged]);
  });
});

describe('the write after the answer', () => {
  test('a listing has the waiting batch written at once, never after a timer', async () => {
    const emulator = await start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
      // No timer ever fires here: the listing itself gets the call written.
      expect(inbound(await log(emulator))).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('state files', () => {
  test('an export carries the API calls and an import restores them', async () => {
    const emulator = await start();
    await installThroughOauth(emulator);
    // Exported right after the call: the export waits for it to be written.
    const exported = await call<{ exchanges: Logged[] }>(
      emulator,
      'GET',
      '/_spoke/state?includeSecrets=true',
    );
    const [logged] = await log(emulator);
    expect(logged?.direction).toBe('inbound');
    expect(exported.body.exchanges).toEqual([logged]);

    const other = await start();
    // A call answered just before the import is written before it, so the imported log is the file's.
    await call(other, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    const imported = await call(other, 'PUT', '/_spoke/state', exported.body);
    expect(imported.status).toBe(200);
    expect(await log(other)).toEqual([logged]);
  });

  test('a file written before API calls were logged (no direction on its exchanges) still imports', async () => {
    const clock = testClock();
    const service = fakeService(shareViaHandler(), testKeys.clientSecret, clock);
    const emulator = await start({ fetch: service.fetch, clock });
    await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test/hooks' });
    await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS');
    const exported = await call<{ exchanges: Record<string, unknown>[] }>(
      emulator,
      'GET',
      '/_spoke/state?includeSecrets=true',
    );
    const old = {
      ...exported.body,
      exchanges: exported.body.exchanges.map(({ direction: _direction, ...rest }) => rest),
    };
    expect(JSON.stringify(old.exchanges)).not.toContain('direction');
    const other = await start();
    expect((await call(other, 'PUT', '/_spoke/state', old)).status).toBe(200);
    const [restored] = await log(other, '');
    expect(restored?.id).toBe(exported.body.exchanges[0]?.id);
  });

  test('an API call entry without its fields is refused with its path', async () => {
    const emulator = await start();
    const exported = await call<Record<string, unknown>>(
      emulator,
      'GET',
      '/_spoke/state?includeSecrets=true',
    );
    const broken = { ...exported.body, exchanges: [{ id: 'x', direction: 'inbound', kind: 'oauth.token' }] };
    const answer = await call(emulator, 'PUT', '/_spoke/state', broken);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('exchanges.0.appId');
  });
});

describe('logging never fails a call', () => {
  test('a failed log write is reported to the logger; the token exchange still answers', async () => {
    const real = await createSqliteStore({ url: ':memory:' });
    // A store whose request-log writes fail, as on a full disk.
    const store: Store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'write') {
          return async (writes: Parameters<Store['write']>[0]) => {
            if (writes.some((w) => w.collection === 'exchanges')) throw new Error('disk full');
            return target.write(writes);
          };
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const warnings: string[] = [];
    const emulator = await start({
      store,
      logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) },
    });
    cleanup.push(() => real.close());
    const { accessToken } = await installThroughOauth(emulator);
    expect(accessToken).toMatch(/^spoke-at-/);
    expect(await log(emulator)).toEqual([]);
    expect(warnings).toEqual(['[spoke] 1 API call(s) could not be written to the request log']);
  });
});
