import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { callJson } from './helpers/ui-fixture.ts';

// A converter-mode record page with a card whose definition HubSpot's Legacy CRM Card Converter
// refuses (a BOOLEAN display property, marketing_events among its object types): the converter's
// "Configuration Issues Detected" instead of the card, its lines behind "View Error Details", no
// call to the service; a card it takes renders beside it.
const secret = 'converter-definition-secret';
const developerApiKey = 'converter-definition-key';
const appId = 1000;

let service: Server;
let served: string[];
let emulator: Emulator;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const uiDir = ensureUiBuilt();
  served = [];
  service = createServer((req, res) => {
    served.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results: [{ objectId: 1, title: 'Ticket 1' }] }));
  });
  service.listen(0, '127.0.0.1');
  await once(service, 'listening');
  const origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  emulator = await createEmulator({
    uiDir,
    seed: { appId, appName: 'Tracker', clientSecret: secret, developerApiKey },
  });
  const base = (await emulator.listen(0)).url;
  await callJson(base, '/_spoke/mode', { method: 'PUT', body: { mode: 'converter' } });
  const app = await callJson<{ scopes: string[] }>(base, `/_spoke/apps/${appId}`);
  const scopes = [...app.scopes, 'crm.objects.marketing_events.read', 'crm.objects.marketing_events.write'];
  await callJson(base, `/_spoke/apps/${appId}`, { method: 'PATCH', body: { scopes } });
  const cards = `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`;
  const post = (title: string, path: string, objectTypes: string[], dataType: string) =>
    callJson(base, cards, {
      method: 'POST',
      body: {
        title,
        fetch: {
          targetUrl: `${origin}${path}`,
          objectTypes: objectTypes.map((name) => ({ name, propertiesToSend: [] })),
        },
        display: { properties: [{ name: 'done', label: 'Done', dataType, options: [] }] },
        actions: { baseUrls: [origin] },
      },
    });
  await post('Issues', '/issues', ['contacts', 'marketing_events'], 'BOOLEAN');
  await post('Tickets', '/tickets', ['contacts'], 'STRING');
  const contacts = await callJson<{ results: CrmRecord[] }>(base, '/_spoke/records/contacts?q=Maria');
  const contact = contacts.results[0] as CrmRecord;
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
  await page.goto(`${base}/#/records/contacts/${contact.id}`);
  await card('Tickets').locator('.card-item').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  service?.close();
});

function card(title: string): Locator {
  return page.locator('section.crm-card', { has: page.getByRole('heading', { name: title, exact: true }) });
}

describe('converter mode: a card definition the converter refuses', () => {
  test('shows Configuration Issues Detected and the converter lines, and calls nothing', async () => {
    const issues = card('Issues');
    await expect(issues.getByRole('alert').textContent()).resolves.toContain('Configuration Issues Detected');
    await expect(issues.getByText('Validation Errors (2):').count()).resolves.toBe(1);
    await expect(issues.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    const details = issues.getByRole('button', { name: 'View Error Details' });
    await expect(details.getAttribute('aria-expanded')).resolves.toBe('false');
    await details.click();
    const list = issues.getByRole('region', { name: 'Validation Error Details' }).locator('li');
    await expect(list.allTextContents()).resolves.toEqual([
      'Invalid option: expected one of "contacts"|"companies"|"deals"|"tickets"',
      'Invalid input',
    ]);
    // Spoke's reason beside it names the code and each field with its fix.
    const reason = issues.getByRole('complementary', { name: 'Reason' });
    await expect(reason.textContent()).resolves.toContain('DISPATCH_CONVERTER_DEFINITION_INVALID');
    await expect(reason.locator('.issue-list li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^definition\.fetch\.objectTypes\.1\.name .*marketing_events/),
      expect.stringMatching(/^definition\.display\.properties\.0 done: the converter has no BOOLEAN/),
    ]);
    expect(served.filter((url) => url.startsWith('/issues'))).toEqual([]);
  });

  test('a card the converter takes renders beside it', async () => {
    await expect(card('Tickets').locator('.card-item').count()).resolves.toBe(1);
    expect(served.filter((url) => url.startsWith('/tickets')).length).toBeGreaterThan(0);
  });
});
