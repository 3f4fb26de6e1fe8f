import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, trackerAppId, type UiFixture } from './helpers/ui-fixture.ts';

// HubSpot's install flow in a real browser: the app's page links to /oauth/authorize (a top-level
// navigation from another origin), the consent screen shows the app, the portal and the scopes, and
// Connect or Cancel sends the browser back to the app's registered redirect URL.

let fx: UiFixture;
let page: Page;
let app: Server;
let appUrl = '';
let clientId = '';
/** The query of every request the app's callback received. */
const callbacks: URLSearchParams[] = [];

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
  app = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.test');
    if (url.pathname === '/oauth-callback') callbacks.push(url.searchParams);
    const to = (url.searchParams.get('to') ?? '').replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>App</title><h1>App</h1><a href="${to}">Install</a>`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const patched = await fx.call<{ clientId: string }>(`/_spoke/apps/${trackerAppId}`, {
    method: 'PATCH',
    body: { redirectUrls: [`${appUrl}/oauth-callback`] },
  });
  clientId = patched.clientId;
});

afterAll(async () => {
  await fx?.close();
  await new Promise((resolve) => app?.close(resolve));
});

/** The install URL the app would build, on the emulator instead of app.hubspot.com. */
function installUrl(query: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: clientId,
    redirect_uri: `${appUrl}/oauth-callback`,
    scope: 'oauth crm.objects.contacts.read',
    optional_scope: 'crm.objects.deals.read',
    state: 'st-123',
    ...query,
  });
  return `${fx.url}/oauth/authorize?${params}`;
}

async function openFromApp(url: string): Promise<void> {
  // The app's page links to the install URL; clicking it is a top-level navigation from its origin.
  await page.goto(`${appUrl}/start?${new URLSearchParams({ to: url })}`);
  await page.getByRole('link', { name: 'Install' }).click();
  await page.getByRole('heading', { name: /Connect|Couldn't complete/ }).waitFor();
}

describe('the consent screen', () => {
  test('shows the app, the portal and the scopes; Connect sends the browser back with a code that exchanges', async () => {
    await openFromApp(installUrl());
    await page.getByRole('heading', { name: 'Connect Bug Tracker to your HubSpot account' }).waitFor();
    const required = page.getByRole('list', { name: 'Required scopes' });
    expect(await required.getByRole('listitem').allTextContents()).toEqual([
      'oauth',
      'crm.objects.contacts.read',
    ]);
    const optional = page.getByRole('list', { name: 'Optional scopes' });
    expect(await optional.getByRole('listitem').allTextContents()).toEqual(['crm.objects.deals.read']);
    expect(await page.getByLabel('Account').inputValue()).toBe(String(fx.emulator.identity.portal?.id));
    await saveScreenshot(page, 'oauth-consent');

    await page.getByRole('button', { name: 'Connect app' }).click();
    await page.waitForURL(`${appUrl}/oauth-callback?**`);
    const received = callbacks.at(-1);
    expect(received?.get('state')).toBe('st-123');
    const code = received?.get('code') ?? '';
    expect(code).not.toBe('');

    const answer = await fetch(`${fx.url}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        client_secret: 'ui-test-secret-0000-1111-2222',
        redirect_uri: `${appUrl}/oauth-callback`,
        code,
      }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
  });

  test('an install URL for one account offers only that portal', async () => {
    const portalId = String(fx.emulator.identity.portal?.id);
    await fx.call('/_spoke/portals', {
      method: 'POST',
      body: { name: 'Second Portal', domain: 'second.test' },
    });
    await openFromApp(installUrl().replace('/oauth/authorize?', `/oauth/${portalId}/authorize?`));
    await page.getByRole('heading', { name: 'Connect Bug Tracker to your HubSpot account' }).waitFor();
    const options = await page.getByLabel('Account').locator('option').allTextContents();
    expect(options).toEqual([`Spoke Test Portal (${portalId})`]);
    await openFromApp(installUrl());
    expect(await page.getByLabel('Account').locator('option').count()).toBe(2);
  });

  test('Cancel sends the browser back with error=access_denied and the state, and no code', async () => {
    await openFromApp(installUrl({ state: 'st-cancel' }));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${appUrl}/oauth-callback?**`);
    const received = callbacks.at(-1);
    expect(received?.get('error')).toBe('access_denied');
    expect(received?.get('state')).toBe('st-cancel');
    expect(received?.has('code')).toBe(false);
  });

  test('an unregistered redirect URL shows HubSpot’s error and never sends the browser there', async () => {
    const before = callbacks.length;
    await openFromApp(installUrl({ redirect_uri: `${appUrl}/elsewhere` }));
    const alert = page.getByRole('alert', { name: "Couldn't complete the connection" });
    await alert.getByText("doesn't match the client registered redirect_uri").waitFor();
    expect(await page.getByRole('button', { name: 'Connect app' }).count()).toBe(0);
    expect(callbacks.length).toBe(before);
  });

  test('an unknown client id and a scope the app lacks are refused on the page', async () => {
    await openFromApp(installUrl({ client_id: 'not-a-client' }));
    await page.getByText('An invalid app client_id was provided').waitFor();
    await openFromApp(installUrl({ scope: 'automation' }));
    await page.getByText('does not have the scope automation').waitFor();
  });

  test('the Apps screen registers redirect URLs and refuses one that is not http(s)', async () => {
    await page.goto(`${fx.url}/#/apps`);
    const form = page.getByRole('form', { name: 'Redirect URLs of Bug Tracker' });
    const field = form.getByLabel('Redirect URLs');
    await field.waitFor();
    expect(await field.inputValue()).toBe(`${appUrl}/oauth-callback`);
    await field.fill(`${appUrl}/oauth-callback\nftp://files.test/cb`);
    await form.getByRole('button', { name: 'Register' }).click();
    await page
      .getByRole('region', { name: 'Bug Tracker' })
      .getByRole('alert')
      .getByText('redirectUrls')
      .waitFor();
    await field.fill(`${appUrl}/oauth-callback\n${appUrl}/second`);
    await form.getByRole('button', { name: 'Register' }).click();
    await expect
      .poll(
        async () => (await fx.call<{ redirectUrls: string[] }>(`/_spoke/apps/${trackerAppId}`)).redirectUrls,
      )
      .toEqual([`${appUrl}/oauth-callback`, `${appUrl}/second`]);
  });

  test('the Apps screen lists the install, uninstalls it and installs it again', async () => {
    await page.goto(`${fx.url}/#/apps`);
    const installs = page.getByRole('table', { name: 'Installs of Bug Tracker' });
    const row = installs.getByRole('row', { name: /Spoke Test Portal/ });
    await row.getByText('crm.objects.contacts.read').waitFor();
    await row.getByRole('button', { name: 'Uninstall' }).click();
    await row.getByText('not installed').waitFor();
    expect(await fx.call<{ results: unknown[] }>(`/_spoke/installs?appId=${trackerAppId}`)).toEqual({
      results: [],
    });
    await row.getByRole('button', { name: 'Install' }).click();
    await row.getByRole('button', { name: 'Uninstall' }).waitFor();
    const after = await fx.call<{ results: { scopes: string[] }[] }>(
      `/_spoke/installs?appId=${trackerAppId}`,
    );
    expect(after.results[0]?.scopes).toContain('crm.objects.contacts.write');
  });

  test('a record page leaves out the cards of an app not installed in its portal, and says so', async () => {
    const contacts = await fx.call<{ results: { id: string }[] }>('/_spoke/records/contacts?q=Maria');
    const recordPage = `${fx.url}/#/records/contacts/${contacts.results[0]?.id}`;
    await page.goto('about:blank');
    await page.goto(recordPage);
    await page.getByRole('heading', { name: /^Issues/ }).waitFor();

    await fx.call(`/_spoke/installs/${trackerAppId}/${fx.emulator.identity.portal?.id}`, {
      method: 'DELETE',
    });
    await page.goto('about:blank');
    await page.goto(recordPage);
    const notes = page.getByRole('list', { name: 'Apps not shown in this portal' });
    await notes.getByText('has cards here but is not installed in portal').waitFor();
    expect(await page.getByRole('heading', { name: /^Issues/ }).count()).toBe(0);
    await notes.getByRole('link', { name: 'Install it on the Apps screen' }).click();
    await page.getByRole('table', { name: 'Installs of Bug Tracker' }).waitFor();
  });
});
