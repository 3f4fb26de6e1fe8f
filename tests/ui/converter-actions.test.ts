import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { callJson } from './helpers/ui-fixture.ts';

// A converter-mode record page handles clicks as HubSpot's Legacy CRM Card Converter does
// (handleActionOnClick.ts): a relative hook URI alerts and calls nothing, and the card is not
// fetched again after a hook.
const secret = 'converter-actions-secret';
const developerApiKey = 'converter-actions-key';
const appId = 1000;
const relativeAlert =
  "Error: Action URI: '/hooks/close' does not share a base URI with the base URIs defined for this object type";

const requests: string[] = [];

function startService(): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    requests.push(path);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (path !== '/card') {
      res.end('{}');
      return;
    }
    const origin = `http://${req.headers.host}`;
    res.end(
      JSON.stringify({
        results: [
          {
            objectId: 1,
            title: 'API-7',
            actions: [
              { type: 'ACTION_HOOK', httpMethod: 'POST', uri: '/hooks/close', label: 'Close relative' },
              { type: 'ACTION_HOOK', httpMethod: 'POST', uri: `${origin}/hooks/ok`, label: 'Close absolute' },
            ],
          },
        ],
      }),
    );
  });
}

let service: Server;
let emulator: Emulator;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const uiDir = ensureUiBuilt();
  service = startService();
  service.listen(0, '127.0.0.1');
  await once(service, 'listening');
  const origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  emulator = await createEmulator({
    uiDir,
    seed: { appId, appName: 'Tracker', clientSecret: secret, developerApiKey },
  });
  const base = (await emulator.listen(0)).url;
  await callJson(base, '/_spoke/mode', { method: 'PUT', body: { mode: 'converter' } });
  await callJson(base, `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`, {
    method: 'POST',
    body: {
      title: 'Issues',
      fetch: { targetUrl: `${origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
      // The converter refuses a definition without display properties.
      display: { properties: [{ name: 'priority', label: 'Priority', dataType: 'STRING', options: [] }] },
      actions: { baseUrls: [`${origin}/hooks`] },
    },
  });
  const contacts = await callJson<{ results: CrmRecord[] }>(base, '/_spoke/records/contacts?q=Maria');
  const contact = contacts.results[0] as CrmRecord;
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
  await page.goto(`${base}/#/records/contacts/${contact.id}`);
  await card().locator('.card-item').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  service?.close();
});

function card(): Locator {
  return page.locator('section.crm-card', {
    has: page.getByRole('heading', { name: 'Issues', exact: true }),
  });
}

describe('converter mode: clicking actions on the record page', () => {
  test("a relative hook URI shows the converter's alert and calls nothing", async () => {
    // The card renders (legacy HubSpot would have refused it).
    // The converter keeps an item's actions in its "Actions" menu.
    await card().getByRole('button', { name: 'Actions for API-7' }).click();
    await card().getByRole('button', { name: 'Close relative' }).click();
    await page.getByRole('alert').filter({ hasText: relativeAlert }).waitFor();
    expect(requests.filter((path) => path.startsWith('/hooks'))).toEqual([]);
  });

  test('a hook that succeeds does not fetch the card again', async () => {
    const fetchesBefore = requests.filter((path) => path === '/card').length;
    await card().getByRole('button', { name: 'Actions for API-7' }).click();
    await card().getByRole('button', { name: 'Close absolute' }).click();
    await page.getByRole('status').filter({ hasText: 'Close absolute succeeded.' }).waitFor();
    expect(requests).toContain('/hooks/ok');
    // A refresh the page started itself would reach the service before this one finishes.
    await page.getByRole('button', { name: 'Refresh Issues' }).click();
    await expect.poll(() => card().getByRole('button', { name: 'Refresh Issues' }).isEnabled()).toBe(true);
    expect(requests.filter((path) => path === '/card').length).toBe(fetchesBefore + 1);
  });
});
