import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, trackerAppId, type UiFixture } from './helpers/ui-fixture.ts';

// The inspector lists the apps' calls to HubSpot's side (here the OAuth token exchange and a refused
// developer-API call) beside the platform's calls to the app, and never shows a secret in clear.

const secret = 'ui-test-secret-0000-1111-2222';
const developerApiKey = 'ui-test-developer-key';
const redirectUri = 'https://app.test/oauth-callback';

let fx: UiFixture;
let page: Page;
let code = '';
let tokens: { access_token: string; refresh_token: string };
const wrongToken = 'spoke-at-00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
  const { clientId } = await fx.call<{ clientId: string }>(`/_spoke/apps/${trackerAppId}`, {
    method: 'PATCH',
    body: { redirectUrls: [redirectUri] },
  });
  const { location } = await fx.call<{ location: string }>('/_spoke/oauth/authorize', {
    method: 'POST',
    body: { clientId, redirectUri, scope: 'oauth crm.objects.contacts.read' },
  });
  code = new URL(location).searchParams.get('code') ?? '';
  const answer = await fetch(`${fx.url}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: secret,
      redirect_uri: redirectUri,
      code,
    }),
  });
  expect(answer.status).toBe(200);
  tokens = (await answer.json()) as typeof tokens;
  const listed = await fetch(`${fx.url}/crm/v3/objects/contacts?limit=1`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(listed.status).toBe(200);
  const refused = await fetch(`${fx.url}/crm/v3/extensions/cards-dev/${trackerAppId}`, {
    headers: { authorization: `Bearer ${wrongToken}` },
  });
  expect(refused.status).toBe(401);
});

afterAll(async () => {
  await fx?.close();
});

describe('Inspector: API calls', () => {
  test('the token exchange shows as app → HubSpot, with its app, portal and redacted secrets', async () => {
    await page.goto('about:blank');
    await page.goto(`${fx.url}/#/inspector`);
    await page.getByText('Live', { exact: true }).waitFor();
    const list = page.getByRole('region', { name: 'Requests' });
    await page.getByRole('button', { name: 'API calls', exact: true }).click();
    const tokenRow = list.locator('.exchange-row', { hasText: '/oauth/v1/token' });
    await tokenRow.waitFor();
    expect(await tokenRow.textContent()).toMatch(/app → HubSpot.*oauth\.token.*app 1000 · portal \d+/);
    // Only API calls: no card fetch, no browser action.
    expect(await list.locator('.exchange-row:not(.exchange-row-inbound)').count()).toBe(0);

    await tokenRow.click();
    const detail = page.getByRole('article', { name: 'API call detail' });
    await detail.getByRole('heading', { name: 'POST /oauth/v1/token' }).waitFor();
    const request = (await detail.getByRole('region', { name: 'Request' }).textContent()) ?? '';
    expect(request).toContain('client_secret=ui-test…');
    expect(request).toContain(`code=${code.slice(0, 8)}…`);
    const reply = (await detail.getByRole('region', { name: 'Reply' }).textContent()) ?? '';
    expect(reply).toContain('"token_type": "bearer"');
    expect(reply).toMatch(/"access_token": "spoke-at-.{8}…"/);
    await saveScreenshot(page, 'inspector-api-call');

    const html = await page.content();
    for (const value of [secret, code, tokens.access_token, tokens.refresh_token, developerApiKey]) {
      expect(html).not.toContain(value);
    }
  });

  test('a refused call shows its status and code; the Webhooks toggle hides API calls', async () => {
    const list = page.getByRole('region', { name: 'Requests' });
    const refused = list.locator('.exchange-row-inbound', { hasText: '401' });
    await refused.click();
    const detail = page.getByRole('article', { name: 'API call detail' });
    await detail.getByRole('alert').getByText('API_UNAUTHORIZED', { exact: true }).waitFor();
    expect(await detail.getByRole('heading').first().textContent()).toBe(
      `GET /crm/v3/extensions/cards-dev/${trackerAppId}`,
    );
    expect(await detail.getByRole('region', { name: 'Request' }).textContent()).toContain(
      'Bearer spoke-at-00000000…',
    );
    expect(await page.content()).not.toContain(wrongToken);

    await page.getByRole('button', { name: 'Webhooks', exact: true }).click();
    expect(await list.locator('.exchange-row-inbound').count()).toBe(0);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await list.locator('.exchange-row-inbound', { hasText: '/oauth/v1/token' }).waitFor();
  });

  test('the kind filter picks the CRM API call, made with the token of the install', async () => {
    const list = page.getByRole('region', { name: 'Requests' });
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('crm.objects');
    const row = list.locator('.exchange-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(
      /GET\/crm\/v3\/objects\/contacts\?limit=1200.*app 1000 · portal \d+/,
    );
    await row.click();
    const request = page
      .getByRole('article', { name: 'API call detail' })
      .getByRole('region', { name: 'Request' });
    expect(await request.textContent()).toMatch(/Bearer spoke-at-.{8}…/);
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('all');
  });

  test('a call made while the inspector is open arrives live', async () => {
    const list = page.getByRole('region', { name: 'Requests' });
    const before = await list.locator('.exchange-row-inbound', { hasText: '/access-tokens/' }).count();
    expect(before).toBe(0);
    const info = await fetch(`${fx.url}/oauth/v1/access-tokens/${tokens.access_token}`);
    expect(info.status).toBe(200);
    await list.locator('.exchange-row-inbound', { hasText: '/oauth/v1/access-tokens/spoke-at-' }).waitFor();
    expect(await page.content()).not.toContain(tokens.access_token);
  });

  test('a refused API call made while another screen is open counts in the Inspector badge', async () => {
    await page.goto(`${fx.url}/#/apps`);
    await page.getByRole('heading', { name: 'Apps' }).first().waitFor();
    expect(await page.locator('.nav-badge').count()).toBe(0);
    const refused = await fetch(`${fx.url}/crm/v3/objects/contacts?limit=1`, {
      headers: { authorization: `Bearer ${wrongToken}` },
    });
    expect(refused.status).toBe(401);
    await page.locator('.nav-badge', { hasText: '1' }).waitFor();
  });
});
