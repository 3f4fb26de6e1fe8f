import { request as httpRequest } from 'node:http';
import { Client } from '@hubspot/api-client';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from './helpers/client-refusal.ts';
import { contactsScope, testRedirectUri } from './helpers/oauth-install.ts';
import { call, testClock, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

// An emulator that listens beyond loopback wants its access token on every request, but an app
// using @hubspot/api-client sends its own OAuth token in Authorization and cannot add it. HubSpot's
// app-facing OAuth surface lets the app through on its OAuth credentials alone; everything else
// still wants the emulator's token. Decision 0016, docs/security.md "The network".

const clock = testClock();
let emulator: Emulator;
let port = 0;
let emulatorToken = '';
let basePath = '';
let clientId = '';
let contactId = '';
/** The app's client for HubSpot's OAuth endpoints: no credentials of its own, as an app's server has. */
let oauth: Client;

beforeAll(async () => {
  emulator = await testEmulator({ clock });
  // Bound beyond loopback for this file only (as `spoke emulator --host 0.0.0.0`); traffic goes to 127.0.0.1.
  const listening = await emulator.listen(0, '0.0.0.0');
  port = listening.port;
  emulatorToken = listening.accessToken ?? '';
  basePath = `http://127.0.0.1:${port}`;
  oauth = new Client({ basePath, numberOfApiCallRetries: 0 });
  // The developer sets the app up and consents in-process (as the UI or the CLI would, with the token).
  const app = await call<{ clientId: string }>(emulator, 'PATCH', '/_spoke/apps/1000', {
    redirectUrls: [testRedirectUri],
  });
  clientId = app.body.clientId;
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  contactId = contacts.body.results[0]?.id ?? '';
});
afterAll(() => emulator.close());

/** Connect on the consent screen (in-process), then the app's own code exchange through the official client. */
async function install(): Promise<{ accessToken: string; refreshToken: string }> {
  const consent = await call<{ location: string }>(emulator, 'POST', '/_spoke/oauth/authorize', {
    clientId,
    redirectUri: testRedirectUri,
    scope: contactsScope,
  });
  expect(consent.status).toBe(200);
  const code = new URL(consent.body.location).searchParams.get('code') ?? '';
  return oauth.oauth.tokensApi.create(
    'authorization_code',
    code,
    testRedirectUri,
    clientId,
    testKeys.clientSecret,
  );
}

/** A fresh access token for `refreshToken` through the official client's refresh grant. */
async function refreshed(refreshToken: string): Promise<string> {
  const answer = await oauth.oauth.tokensApi.create(
    'refresh_token',
    undefined,
    undefined,
    clientId,
    testKeys.clientSecret,
    refreshToken,
  );
  return answer.accessToken;
}

const crm = (accessToken: string) => new Client({ accessToken, basePath, numberOfApiCallRetries: 0 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  code: unknown;
}

/** A raw HTTP request to 127.0.0.1:port with these headers (Host defaults to 127.0.0.1:port). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let code: unknown = null;
          try {
            code = (JSON.parse(text) as { code?: unknown }).code;
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, code });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const tokenForm = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('an app with the official client, against an emulator that requires its access token', () => {
  test('the app exchanges its code, refreshes, reads its token metadata and calls the CRM API without the emulator token', async () => {
    const tokens = await install();
    expect(tokens.accessToken).toMatch(/^spoke-at-/);
    const contact = await crm(tokens.accessToken).crm.contacts.basicApi.getById(contactId, ['email']);
    expect(contact).toMatchObject({ id: contactId, properties: { email: 'maria.johnson@acmerobotics.com' } });
    const page = await crm(tokens.accessToken).crm.contacts.basicApi.getPage(2);
    expect(page.results).toHaveLength(2);
    const updated = await crm(tokens.accessToken).crm.contacts.basicApi.update(contactId, {
      properties: { open_issues: '4' },
    });
    expect(updated.properties.open_issues).toBe('4');

    const again = await refreshed(tokens.refreshToken);
    expect(again).not.toBe(tokens.accessToken);
    expect((await crm(again).crm.contacts.basicApi.getById(contactId)).id).toBe(contactId);
    expect(await oauth.oauth.accessTokensApi.get(again)).toMatchObject({ appId: 1000, hubId: 62515 });
    expect(await oauth.oauth.refreshTokensApi.get(tokens.refreshToken)).toMatchObject({ clientId });
    // What the app wrote is the emulator's record.
    const record = await call<{ properties: Record<string, string> }>(
      emulator,
      'GET',
      `/_spoke/records/contacts/${contactId}`,
    );
    expect(record.body.properties.open_issues).toBe('4');
  });

  test('a wrong, expired, refresh or revoked token on the CRM API is a 401 CRM_TOKEN_*', async () => {
    const tokens = await install();
    const getById = (token: string) => refusal(crm(token).crm.contacts.basicApi.getById(contactId));
    expect(await getById('spoke-at-not-issued')).toMatchObject({
      code: 401,
      body: { code: 'CRM_TOKEN_INVALID', category: 'INVALID_AUTHENTICATION' },
    });
    expect((await getById(tokens.refreshToken)).body.code).toBe('CRM_TOKEN_INVALID');
    clock.advance(31 * 60_000);
    expect(await getById(tokens.accessToken)).toMatchObject({
      code: 401,
      body: { code: 'CRM_TOKEN_EXPIRED', category: 'EXPIRED_AUTHENTICATION' },
    });
    const fresh = await refreshed(tokens.refreshToken);
    expect((await crm(fresh).crm.contacts.basicApi.getById(contactId)).id).toBe(contactId);
    // Uninstalling revokes every token of the install; installing again gives new ones.
    expect((await call(emulator, 'DELETE', '/_spoke/installs/1000/62515')).status).toBe(204);
    expect((await getById(fresh)).body.code).toBe('CRM_TOKEN_INVALID');
    expect(
      await refusal(
        oauth.oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          clientId,
          testKeys.clientSecret,
          tokens.refreshToken,
        ),
      ),
    ).toMatchObject({ code: 400, body: { status: 'BAD_REFRESH_TOKEN' } });
    const reinstalled = await install();
    expect((await crm(reinstalled.accessToken).crm.contacts.basicApi.getById(contactId)).id).toBe(contactId);
  });

  test('the developer API key as a Bearer on the CRM API is refused without saying it is the key, and is not counted', async () => {
    const throughNetwork = await raw(
      'GET',
      `/crm/v3/objects/contacts/${contactId}`,
      bearer(testKeys.developerApiKey),
    );
    expect(throughNetwork.status).toBe(401);
    expect(throughNetwork.code).toBe('CRM_TOKEN_INVALID');
    expect(throughNetwork.body).not.toContain('developer API key');
    expect(throughNetwork.body).not.toContain(testKeys.developerApiKey);
    expect(throughNetwork.headers['x-hubspot-ratelimit-daily']).toBeUndefined();
    // The owner, with the emulator's token, is told, and the key is counted.
    const owner = await raw(
      'GET',
      `/crm/v3/objects/contacts/${contactId}?token=${emulatorToken}`,
      bearer(testKeys.developerApiKey),
    );
    expect(owner.code).toBe('CRM_TOKEN_INVALID');
    expect(owner.body).toContain('This is a developer API key');
    expect(owner.headers['x-hubspot-ratelimit-daily']).toBe('250000');
  });
});

describe('what still needs the emulator access token', () => {
  test('the CRM API without a Bearer is 401 API_ACCESS_TOKEN_REQUIRED, saying an access token would do', async () => {
    for (const path of [`/crm/v3/objects/contacts/${contactId}`, withKey('/crm/v3/objects/contacts')]) {
      const reply = await raw('GET', path);
      expect(reply.status, path).toBe(401);
      expect(reply.code, path).toBe('API_ACCESS_TOKEN_REQUIRED');
      expect(reply.body).toContain("An app's CRM API call needs only its OAuth access token");
    }
    const basic = await raw('GET', '/crm/v3/objects/contacts', { authorization: 'Basic dXNlcjpwdw==' });
    expect(basic.code).toBe('API_ACCESS_TOKEN_REQUIRED');
  });

  test('a Bearer, even a valid OAuth access token, opens neither the control API, the developer API, the UI nor the consent routes', async () => {
    const { accessToken } = await install();
    const consentQuery = `client_id=${clientId}&redirect_uri=${encodeURIComponent(testRedirectUri)}&scope=oauth`;
    const json = { 'content-type': 'application/json' };
    const faults = await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/faults');
    for (const token of ['a-random-bearer-token', accessToken]) {
      const refused: [string, string, Record<string, string>, string?][] = [
        ['GET', '/_spoke/apps', {}],
        ['GET', '/_spoke/state', {}],
        ['POST', '/_spoke/faults', json, JSON.stringify({ corruptSignature: true })],
        ['GET', withKey('/crm/v3/extensions/cards-dev/1000'), {}],
        ['GET', '/crm/v3/extensions/calling/1000/settings', {}],
        ['GET', '/', {}],
        ['GET', `/oauth/authorize?${consentQuery}`, {}],
        ['GET', `/_spoke/oauth/consent?${consentQuery}`, {}],
        [
          'POST',
          '/_spoke/oauth/authorize',
          json,
          JSON.stringify({ clientId, redirectUri: testRedirectUri, scope: 'oauth' }),
        ],
        // Near the exempt paths, but not them: another method, no token segment, two segments.
        ['GET', '/oauth/v1/token', {}],
        ['GET', '/oauth/v1/access-tokens/', {}],
        ['GET', `/oauth/v1/access-tokens/${accessToken}/more`, {}],
        ['PUT', `/crm/v3/objects/contacts/${contactId}`, json, '{}'],
        ['GET', '/crm/v3/objects', {}],
      ];
      for (const [method, path, headers, body] of refused) {
        const reply = await raw(method, path, { ...bearer(token), ...headers }, body);
        expect(reply.status, `${method} ${path}`).toBe(401);
        expect(reply.code, `${method} ${path}`).toBe('API_ACCESS_TOKEN_REQUIRED');
      }
    }
    expect((await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/faults')).body.results).toEqual(
      faults.body.results,
    );
    // With the emulator's token the same reads pass, so the refusals above are the token's.
    expect((await raw('GET', '/_spoke/apps', bearer(emulatorToken))).status).toBe(200);
  });

  test('a cross-site request or a foreign Host is refused on the exempt paths too', async () => {
    const { accessToken, refreshToken } = await install();
    const form = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    const grant = tokenForm({
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: testKeys.clientSecret,
      refresh_token: refreshToken,
    });
    const crossSite: [string, string, Record<string, string>, string?][] = [
      ['POST', '/oauth/v1/token', { ...form, origin: 'https://evil.example' }, grant],
      ['POST', '/oauth/v1/token', { ...form, 'sec-fetch-site': 'cross-site' }, grant],
      [
        'GET',
        `/crm/v3/objects/contacts/${contactId}`,
        { ...bearer(accessToken), origin: 'https://evil.example' },
      ],
      ['GET', `/oauth/v1/access-tokens/${accessToken}`, { 'sec-fetch-site': 'same-site' }],
      ['DELETE', `/oauth/v1/refresh-tokens/${refreshToken}`, { origin: 'null' }],
    ];
    for (const [method, path, headers, body] of crossSite) {
      const reply = await raw(method, path, headers, body);
      expect(reply.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(reply.code).toBe('API_CROSS_SITE_REQUEST');
    }
    const foreign = { host: `rebind.attacker.example:${port}` };
    for (const [method, path, headers, body] of [
      ['POST', '/oauth/v1/token', { ...form, ...foreign }, grant],
      ['GET', `/crm/v3/objects/contacts/${contactId}`, { ...bearer(accessToken), ...foreign }],
      ['GET', `/oauth/v1/refresh-tokens/${refreshToken}`, foreign],
    ] as [string, string, Record<string, string>, string?][]) {
      const reply = await raw(method, path, headers, body);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.code).toBe('API_HOST_NOT_ALLOWED');
    }
    // The refresh token was not deleted by the refused DELETE.
    expect((await raw('GET', `/oauth/v1/refresh-tokens/${refreshToken}`)).status).toBe(200);
  });
});

describe('what an unauthenticated caller learns from the OAuth endpoints', () => {
  test('a wrong client secret gets HubSpot BAD_CLIENT_SECRET and no secret, key or token', async () => {
    const { accessToken, refreshToken } = await install();
    const consent = await call<{ location: string }>(emulator, 'POST', '/_spoke/oauth/authorize', {
      clientId,
      redirectUri: testRedirectUri,
      scope: contactsScope,
    });
    const code = new URL(consent.body.location).searchParams.get('code') ?? '';
    const wrongSecret = await refusal(
      oauth.oauth.tokensApi.create('authorization_code', code, testRedirectUri, clientId, 'wrong-secret'),
    );
    expect(wrongSecret).toMatchObject({
      code: 400,
      body: {
        status: 'BAD_CLIENT_SECRET',
        code: 'OAUTH_BAD_CLIENT_SECRET',
        correlationId: expect.any(String),
      },
    });
    const unknownClient = await refusal(
      oauth.oauth.tokensApi.create('refresh_token', undefined, undefined, 'nobody', 'x', refreshToken),
    );
    expect(unknownClient).toMatchObject({ code: 400, body: { status: 'BAD_CLIENT_ID' } });
    const unknownTokens = [
      await raw('GET', '/oauth/v1/access-tokens/spoke-at-guessed'),
      await raw('GET', '/oauth/v1/refresh-tokens/spoke-rt-guessed'),
      await raw('DELETE', '/oauth/v1/refresh-tokens/spoke-rt-guessed'),
    ];
    for (const reply of unknownTokens) {
      expect(reply.status).toBe(404);
      expect(reply.code).toBe('API_NOT_FOUND');
    }
    const said = [
      JSON.stringify(wrongSecret.body),
      JSON.stringify(unknownClient.body),
      ...unknownTokens.map((r) => r.body),
    ];
    for (const secret of [
      testKeys.clientSecret,
      testKeys.developerApiKey,
      emulatorToken,
      accessToken,
      refreshToken,
      code,
    ]) {
      for (const text of said) expect(text).not.toContain(secret);
    }
    for (const text of said.slice(1)) expect(text).not.toContain(clientId);
    // The code survived the refusal: the app with its right secret still gets its tokens.
    await expect(
      oauth.oauth.tokensApi.create(
        'authorization_code',
        code,
        testRedirectUri,
        clientId,
        testKeys.clientSecret,
      ),
    ).resolves.toMatchObject({ tokenType: 'bearer' });
  });
});
