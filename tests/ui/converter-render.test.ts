import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { callJson } from './helpers/ui-fixture.ts';

// A converter-mode record page, drawn as HubSpot's Legacy CRM Card Converter draws it: STATUS only
// through the card's definition ("Invalid property" otherwise), three properties then "View More",
// no "See more", and a sections reply as the converter's error state.
const secret = 'converter-ui-secret';
const developerApiKey = 'converter-ui-key';
const appId = 1000;

const issuesReply = {
  results: [
    {
      objectId: 1,
      title: 'API-7',
      state: 'open',
      properties: [
        { name: 'state', label: 'Named state', dataType: 'STATUS', value: 'paused', optionType: 'SUCCESS' },
        { label: 'Unnamed state', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' },
        { label: 'Owner', dataType: 'STRING', value: 'Maria' },
        { label: 'Votes', dataType: 'NUMERIC', value: 12 },
      ],
    },
  ],
  totalCount: 9,
  allItemsLink: 'https://tracker.example.com/issues',
};

const sectionsReply = {
  responseVersion: 'v3',
  sections: [{ id: 's1', title: 'Ticket 1', tokens: [{ label: 'Count', dataType: 'NUMERIC', value: 3 }] }],
};

function startService(): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(path === '/sections' ? sectionsReply : issuesReply));
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
  const cards = `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`;
  const state = {
    name: 'state',
    label: 'State',
    dataType: 'STATUS',
    options: [{ name: 'open', label: 'Open', type: 'WARNING' }],
  };
  for (const [title, path] of [
    ['Issues', '/issues'],
    ['Tickets', '/sections'],
  ] as const) {
    await callJson(base, cards, {
      method: 'POST',
      body: {
        title,
        fetch: { targetUrl: `${origin}${path}`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
        display: { properties: [state] },
        actions: { baseUrls: [origin] },
      },
    });
  }
  const contacts = await callJson<{ results: CrmRecord[] }>(base, '/_spoke/records/contacts?q=Maria');
  const contact = contacts.results[0] as CrmRecord;
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
  await page.goto(`${base}/#/records/contacts/${contact.id}`);
  await card('Issues').locator('.card-item').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  service?.close();
});

function card(title: string): Locator {
  return page.locator('section.crm-card', { has: page.getByRole('heading', { name: title, exact: true }) });
}

async function shownProperties(): Promise<[string, string][]> {
  return card('Issues')
    .locator('.card-property')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('dt')?.textContent ?? '',
        row.querySelector('dd')?.textContent ?? '',
      ]),
    );
}

describe('converter mode on the record page', () => {
  test('STATUS resolves through the definition, else Invalid property; three properties, then View More', async () => {
    expect(await shownProperties()).toEqual([
      ['State', 'Open'],
      ['Named state', 'Invalid property'],
      ['Unnamed state', 'Invalid property'],
    ]);
    await expect
      .poll(() => card('Issues').locator('.status-badge.status-warning').textContent())
      .toBe('Open');
    await card('Issues').getByRole('button', { name: 'View More' }).click();
    expect((await shownProperties()).map(([label]) => label)).toEqual([
      'State',
      'Named state',
      'Unnamed state',
      'Owner',
      'Votes',
    ]);
    await card('Issues').getByRole('button', { name: 'View Less' }).click();
    expect(await shownProperties()).toHaveLength(3);
  });

  test('never shows See more, and the title has no count', async () => {
    expect(await card('Issues').locator('.see-more').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Issues (9)' }).count()).toBe(0);
  });

  test('a sections reply shows the converter error state and the reason', async () => {
    const tickets = card('Tickets');
    await tickets.locator('.card-error-reason').waitFor();
    expect(await tickets.locator('.card-error-hubspot').textContent()).toContain(
      'There was a problem displaying this content.',
    );
    expect(await tickets.locator('.card-error-reason').textContent()).toContain(
      'does not support the sections format',
    );
  });
});
