import { Client } from '@hubspot/api-client';
import { type Emulator, resolveAccessToken } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, testClock, testEmulator, testKeys } from './helpers/test-emulator.ts';

const redirectUri = 'https://app.test/oauth-callback';
const clock = testClock();
let emulator: Emulator;
let client: Client;
let clientId = '';

beforeAll(async () => {
  emulator = await testEmulator({ clock });
  const basePath = (await emulator.listen(0, '127.0.0.1')).url;
  client = new Client({ basePath, numberOfApiCallRetries: 0 });
  const patched = await call<{ clientId: string }>(emulator, 'PATCH', '/_spoke/apps/1000', {
    redirectUrls: [redirectUri],
  });
  expect(patched.status).toBe(200);
  clientId = patched.body.clientId;
});
afterAll(() => emulator.close());

/** Connect on the consent screen, through the control route the UI posts to; the code from `location`. */
async function consent(extra: Record<string, unknown> = {}): Promise<{ location: URL; code: string }> {
  const answer = await call<{ location: string }>(emulator, 'POST', '/_spoke/oauth/authorize', {
    clientId,
    redirectUri,
    scope: 'oauth crm.objects.contacts.read',
    state: 'xyz',
    ...extra,
  });
  expect(answer.status).toBe(200);
  const location = new URL(answer.body.location);
  return { location, code: location.searchParams.get('code') ?? '' };
}

const exchange = (code: string, secret: string = testKeys.clientSecret, uri = redirectUri) =>
  client.oauth.tokensApi.create('authorization_code', code, uri, clientId, secret);

describe('OAuth 2.0 as HubSpot does it, through the official @hubspot/api-client', () => {
  test('every app has a stable uuid-like clientId', async () => {
    expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await call<{ clientId: string }>(emulator, 'GET', '/_spoke/apps/1000');
    expect(again.body.clientId).toBe(clientId);
  });

  test('/oauth/authorize sends the browser to the consent screen with the same query', async () => {
    const url = new URL(
      client.oauth.getAuthorizationUrl(clientId, redirectUri, 'crm.objects.contacts.read', undefined, 's1'),
    );
    const response = await emulator.fetch(new Request(`http://emulator.test/oauth/authorize${url.search}`));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/#/oauth/authorize${url.search}`);
  });

  test('an install URL for one account (/oauth/{portalId}/authorize) offers only that portal', async () => {
    const other = await call<{ id: number }>(emulator, 'POST', '/_spoke/portals', {
      name: 'Other',
      domain: 'other.test',
    });
    try {
      const search = `?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=oauth`;
      const response = await emulator.fetch(
        new Request(`http://emulator.test/oauth/62515/authorize${search}`),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/#/oauth/authorize${search}&portal_id=62515`);
      const all = await call<{ portals: { id: number }[] }>(
        emulator,
        'GET',
        `/_spoke/oauth/consent${search}`,
      );
      expect(all.body.portals.map((p) => p.id)).toEqual([62515, other.body.id]);
      const one = await call<{ portals: { id: number }[] }>(
        emulator,
        'GET',
        `/_spoke/oauth/consent${search}&portal_id=${other.body.id}`,
      );
      expect(one.body.portals.map((p) => p.id)).toEqual([other.body.id]);
      expect((await call(emulator, 'GET', `/oauth/999/authorize${search}`)).status).toBe(404);
      expect((await call(emulator, 'GET', `/_spoke/oauth/consent${search}&portal_id=999`)).status).toBe(404);
    } finally {
      await call(emulator, 'DELETE', `/_spoke/portals/${other.body.id}`);
    }
  });

  test('the consent request names the app, the portals and the required and optional scopes', async () => {
    const query = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'crm.objects.contacts.read',
      optional_scope: 'crm.objects.deals.read',
    });
    const view = await call(emulator, 'GET', `/_spoke/oauth/consent?${query}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      app: { id: 1000, name: 'Spoke Dev App' },
      portals: [{ id: 62515 }],
      requiredScopes: ['crm.objects.contacts.read'],
      optionalScopes: ['crm.objects.deals.read'],
    });
  });

  test('Connect redirects with code and state; the code gives HubSpot’s token body and an install', async () => {
    const { location, code } = await consent({ optionalScope: 'crm.objects.deals.read' });
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    const tokens = await exchange(code);
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(tokens.accessToken).toMatch(/^spoke-at-/);
    expect(tokens.refreshToken).toMatch(/^spoke-rt-/);

    const info = await client.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({
      token: tokens.accessToken,
      hubId: 62515,
      appId: 1000,
      userId: 1,
      user: 'dev@spoke.local',
      hubDomain: 'spoke.local',
      tokenType: 'access',
      expiresIn: 1800,
      scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.deals.read'],
    });
    const refresh = await client.oauth.refreshTokensApi.get(tokens.refreshToken);
    expect(refresh).toMatchObject({ clientId, hubId: 62515, userId: 1, tokenType: 'refresh' });

    const installs = await call<{ results: { appId: number; portalId: number; scopes: string[] }[] }>(
      emulator,
      'GET',
      '/_spoke/installs?appId=1000',
    );
    expect(installs.body.results).toEqual([
      expect.objectContaining({
        appId: 1000,
        portalId: 62515,
        scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.deals.read'],
        userId: 1,
      }),
    ]);
  });

  test('a code is single-use: the second exchange is BAD_AUTH_CODE', async () => {
    const { code } = await consent();
    await exchange(code);
    await expect(exchange(code)).rejects.toMatchObject({
      code: 400,
      body: { status: 'BAD_AUTH_CODE', code: 'OAUTH_BAD_AUTH_CODE' },
    });
  });

  test('a wrong code, a wrong secret, a mismatched redirect, a wrong grant and an unknown client are refused', async () => {
    const { code } = await consent();
    await expect(exchange('not-a-code')).rejects.toMatchObject({
      code: 400,
      body: { status: 'BAD_AUTH_CODE', code: 'OAUTH_BAD_AUTH_CODE' },
    });
    await expect(exchange(code, 'wrong-secret')).rejects.toMatchObject({
      code: 400,
      body: { status: 'BAD_CLIENT_SECRET', code: 'OAUTH_BAD_CLIENT_SECRET' },
    });
    await expect(exchange(code, testKeys.clientSecret, 'https://app.test/other')).rejects.toMatchObject({
      code: 400,
      body: { status: 'MISMATCH_REDIRECT_URI_AUTH_CODE', code: 'OAUTH_MISMATCH_REDIRECT_URI_AUTH_CODE' },
    });
    await expect(
      client.oauth.tokensApi.create('password', code, redirectUri, clientId, testKeys.clientSecret),
    ).rejects.toMatchObject({ code: 400, body: { status: 'BAD_GRANT_TYPE', code: 'OAUTH_BAD_GRANT_TYPE' } });
    await expect(
      client.oauth.tokensApi.create('authorization_code', code, redirectUri, 'nobody', testKeys.clientSecret),
    ).rejects.toMatchObject({ code: 400, body: { status: 'BAD_CLIENT_ID', code: 'OAUTH_BAD_CLIENT_ID' } });
    // None of the refusals used the code up.
    await expect(exchange(code)).resolves.toMatchObject({ tokenType: 'bearer' });
  });

  test('a code expires after 10 minutes on the emulator clock', async () => {
    const { code } = await consent();
    clock.advance(10 * 60 * 1000);
    await expect(exchange(code)).rejects.toMatchObject({
      code: 400,
      body: { status: 'EXPIRED_AUTH_CODE', code: 'OAUTH_EXPIRED_AUTH_CODE' },
    });
  });

  test('an access token expires after 30 minutes; a refresh gives a new one and the same refresh token', async () => {
    const { code } = await consent();
    const first = await exchange(code);
    const deps = { store: emulator.store, now: clock };
    expect(await resolveAccessToken(deps, first.accessToken)).toMatchObject({
      ok: true,
      appId: 1000,
      portalId: 62515,
      scopes: ['oauth', 'crm.objects.contacts.read'],
      expiresAt: clock() + 1800 * 1000,
    });
    clock.advance(1799 * 1000);
    expect((await client.oauth.accessTokensApi.get(first.accessToken)).expiresIn).toBe(1);
    clock.advance(1000);
    expect(await resolveAccessToken(deps, first.accessToken)).toMatchObject({ ok: false, reason: 'expired' });
    await expect(client.oauth.accessTokensApi.get(first.accessToken)).rejects.toMatchObject({ code: 404 });

    const refreshed = await client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      clientId,
      testKeys.clientSecret,
      first.refreshToken,
    );
    expect(refreshed.refreshToken).toBe(first.refreshToken);
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.expiresIn).toBe(1800);
    expect(await resolveAccessToken(deps, refreshed.accessToken)).toMatchObject({ ok: true });
    expect(await resolveAccessToken(deps, first.refreshToken)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
  });

  test('a deleted refresh token is BAD_REFRESH_TOKEN; the access tokens it gave stay valid', async () => {
    const { code } = await consent();
    const tokens = await exchange(code);
    await client.oauth.refreshTokensApi.archive(tokens.refreshToken);
    await expect(client.oauth.refreshTokensApi.get(tokens.refreshToken)).rejects.toMatchObject({ code: 404 });
    await expect(
      client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        clientId,
        testKeys.clientSecret,
        tokens.refreshToken,
      ),
    ).rejects.toMatchObject({
      code: 400,
      body: { status: 'BAD_REFRESH_TOKEN', code: 'OAUTH_BAD_REFRESH_TOKEN' },
    });
    expect((await client.oauth.accessTokensApi.get(tokens.accessToken)).appId).toBe(1000);
  });

  test('Cancel redirects with error=access_denied and the state, and no code', async () => {
    const { location, code } = await consent({ cancel: true });
    expect(code).toBe('');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
  });

  test('an unknown client, a redirect not registered and a scope the app lacks never reach a redirect', async () => {
    const post = (body: Record<string, unknown>) =>
      call(emulator, 'POST', '/_spoke/oauth/authorize', {
        clientId,
        redirectUri,
        scope: 'crm.objects.contacts.read',
        ...body,
      });
    expect(await post({ clientId: 'nobody' })).toMatchObject({
      status: 400,
      body: { status: 'BAD_CLIENT_ID', code: 'OAUTH_BAD_CLIENT_ID' },
    });
    const wrongRedirect = await post({ redirectUri: 'https://evil.test/cb' });
    expect(wrongRedirect).toMatchObject({
      status: 400,
      body: { status: 'BAD_REDIRECT_URI', code: 'OAUTH_BAD_REDIRECT_URI' },
    });
    expect(String(wrongRedirect.body.message)).toContain("doesn't match the client registered redirect_uri");
    const scope = await post({ scope: 'crm.objects.contacts.read automation' });
    expect(scope).toMatchObject({
      status: 400,
      body: { status: 'UNKNOWN_SCOPE', code: 'OAUTH_UNKNOWN_SCOPE' },
    });
    expect(String(scope.body.message)).toContain('automation');
    expect(await post({ portalId: 999 })).toMatchObject({ status: 404 });
  });

  test('who may ask: the install URL is a navigation from the app’s site; token reads and writes are not for other sites’ pages', async () => {
    const fromApp = {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    };
    const navigation = await emulator.fetch(
      new Request(`http://emulator.test/oauth/authorize?client_id=${clientId}`, { headers: fromApp }),
    );
    expect(navigation.status).toBe(302);
    const { code } = await consent();
    const tokens = await exchange(code);
    const read = await call(emulator, 'GET', `/oauth/v1/access-tokens/${tokens.accessToken}`, undefined, {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'cors',
    });
    expect(read).toMatchObject({ status: 403, body: { code: 'API_CROSS_SITE_REQUEST' } });
    const write = await emulator.fetch(
      new Request('http://emulator.test/oauth/v1/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.test' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken }),
      }),
    );
    expect(write.status).toBe(403);
  });

  test('the token endpoint takes only a form, as HubSpot’s does', async () => {
    const answer = await call(emulator, 'POST', '/oauth/v1/token', { grant_type: 'authorization_code' });
    expect(answer.status).toBe(415);
  });
});

describe('installs', () => {
  test('the seeded app is installed in the dev portal; uninstall revokes its tokens; install again directly', async () => {
    const { code } = await consent();
    const tokens = await exchange(code);
    expect((await call(emulator, 'DELETE', '/_spoke/installs/1000/62515')).status).toBe(204);
    expect((await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/installs')).body.results).toEqual(
      [],
    );
    const deps = { store: emulator.store, now: clock };
    expect(await resolveAccessToken(deps, tokens.accessToken)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    await expect(client.oauth.refreshTokensApi.get(tokens.refreshToken)).rejects.toMatchObject({ code: 404 });
    expect((await call(emulator, 'DELETE', '/_spoke/installs/1000/62515')).status).toBe(404);

    const direct = await call(emulator, 'POST', '/_spoke/installs', { appId: 1000 });
    expect(direct.status).toBe(201);
    expect(direct.body).toMatchObject({ appId: 1000, portalId: 62515, userId: null });
    expect((direct.body as { scopes: string[] }).scopes).toContain('crm.objects.contacts.write');
    expect((await call(emulator, 'POST', '/_spoke/installs', { appId: 1000, scopes: ['nope'] })).status).toBe(
      400,
    );
    expect((await call(emulator, 'POST', '/_spoke/installs', { appId: 4242 })).status).toBe(404);
  });

  test('a new app is installed in the dev portal with its scopes', async () => {
    const created = await call<{ id: number }>(emulator, 'POST', '/_spoke/apps', {
      name: 'Second',
      scopes: ['crm.objects.deals.read'],
    });
    const installs = await call<{ results: unknown[] }>(
      emulator,
      'GET',
      `/_spoke/installs?appId=${created.body.id}`,
    );
    expect(installs.body.results).toEqual([
      expect.objectContaining({ portalId: 62515, scopes: ['crm.objects.deals.read'] }),
    ]);
    expect((await call(emulator, 'DELETE', `/_spoke/apps/${created.body.id}`)).status).toBe(204);
    const after = await call<{ results: unknown[] }>(
      emulator,
      'GET',
      `/_spoke/installs?appId=${created.body.id}`,
    );
    expect(after.body.results).toEqual([]);
  });
});
