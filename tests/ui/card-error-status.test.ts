import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { callJson, saveScreenshot } from './helpers/ui-fixture.ts';

// A card service written without Spoke, failing four ways real ones do. The record page must say
// the status first, then what the service said, then the URL, readable at the sidebar's width.
const secret = 'status-ui-secret';
const developerApiKey = 'status-ui-key';
const appId = 1000;
const longQuery = `tenant=${'acme-robotics-eu-west-'.repeat(12)}end`;

const railsPage = `<!DOCTYPE html><html><head><title>We're sorry, but something went wrong (500)</title></head>
<body><div class="dialog"><h1>We're sorry, but something went wrong.</h1></div></body></html>`;
const expressNotFound = (path: string) =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET ${path}</pre>\n</body>\n</html>\n`;

function startService(): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    if (path === '/refuses') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 'SIGNATURE_MISMATCH',
          message:
            "[spoke] the request's signature does not match it. See https://spoke.dev/errors#signature-mismatch",
        }),
      );
    } else if (path === '/works') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const hook = {
        type: 'ACTION_HOOK',
        httpMethod: 'POST',
        uri: `${origin}/refuses`,
        label: 'Close issue',
      };
      res.end(JSON.stringify({ results: [{ objectId: 1, title: 'API-22', actions: [hook] }] }));
    } else if (path === '/hubspot/post-only-card' && req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(expressNotFound(path));
    } else if (path === '/moved') {
      res.writeHead(302, { location: '/users/sign_in?return_to=%2Fmoved' });
      res.end();
    } else {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(railsPage);
    }
  });
}

let service: Server;
let origin = '';
let emulator: Emulator;
let browser: Browser;
let page: Page;
let base = '';
let contact: CrmRecord;

beforeAll(async () => {
  const uiDir = ensureUiBuilt();
  service = startService();
  service.listen(0, '127.0.0.1');
  await once(service, 'listening');
  origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  emulator = await createEmulator({
    uiDir,
    seed: { appId, appName: 'Plain Service', clientSecret: secret, developerApiKey },
  });
  base = (await emulator.listen(0)).url;
  const cards = `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`;
  const card = (title: string, targetUrl: string) => ({
    title,
    fetch: { targetUrl, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
    display: { properties: [] },
    actions: { baseUrls: [origin] },
  });
  for (const [title, path] of [
    ['Refuses', `/refuses?${longQuery}`],
    ['Post only', '/hubspot/post-only-card'],
    ['Moved', '/moved'],
    ['Crashes', '/crashes'],
    ['Works', '/works'],
  ] as const) {
    await callJson(base, cards, { method: 'POST', body: card(title, `${origin}${path}`) });
  }
  const contacts = await callJson<{ results: CrmRecord[] }>(base, '/_spoke/records/contacts?q=Maria');
  contact = contacts.results[0] as CrmRecord;
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
  await page.goto(`${base}/#/records/contacts/${contact.id}`);
  await page.locator('.card-error-reason').nth(3).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  service?.close();
});

function reasonBox(title: string): Locator {
  return page
    .locator('section.crm-card', { has: page.getByRole('heading', { name: title, exact: true }) })
    .locator('aside.card-error-reason');
}

/** The box and everything in it fit their width, and the box stays inside the sidebar. */
async function expectFits(box: Locator): Promise<void> {
  const fit = await box.evaluate((aside) => {
    const sidebar = aside.closest('section.crm-card')?.getBoundingClientRect();
    const overflowing = [aside, ...aside.querySelectorAll('*')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      .map((el) => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    const rect = aside.getBoundingClientRect();
    return {
      scrollWidth: aside.scrollWidth,
      clientWidth: aside.clientWidth,
      overflowing,
      inside: sidebar !== undefined && rect.left >= sidebar.left && rect.right <= sidebar.right + 0.5,
      clipped: [...aside.querySelectorAll('p')].some((p) => p.scrollHeight > p.clientHeight + 1),
    };
  });
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
  expect(fit.overflowing).toEqual([]);
  expect(fit.inside).toBe(true);
  expect(fit.clipped).toBe(false);
}

/** Visible and in the right order: status, then reason, then URL. */
async function expectOrder(box: Locator, parts: readonly string[]): Promise<void> {
  for (const part of parts)
    expect(await box.getByText(part, { exact: false }).first().isVisible()).toBe(true);
  const text = (await box.textContent()) ?? '';
  const positions = parts.map((part) => text.indexOf(part));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe('record page: a card that answered an error status', () => {
  test("401 with {code, message}: the status, the service's code and message, the URL, the signature advice", async () => {
    const box = reasonBox('Refuses');
    await expectOrder(box, [
      '401 Unauthorized',
      "SIGNATURE_MISMATCH: [spoke] the request's signature does not match it.",
      '/refuses?tenant=acme-robotics',
    ]);
    expect(await box.textContent()).toContain('spoke verify');
    await expectFits(box);
    await saveScreenshot(page, 'card-error-401');
  });

  test('404 from a POST-only route: Express says Cannot GET, Spoke says cards are fetched with GET', async () => {
    const box = reasonBox('Post only');
    await expectOrder(box, [
      '404 Not Found',
      'Error — Cannot GET /hubspot/post-only-card',
      '/hubspot/post-only-card?',
    ]);
    expect(await box.textContent()).toContain('HubSpot always fetches card data with GET');
    await expectFits(box);
  });

  test('302 to a login page: where it goes, and that the route wants a session', async () => {
    const box = reasonBox('Moved');
    await expectOrder(box, ['302 Found', 'empty body', '/users/sign_in?return_to=%2Fmoved', '/moved?']);
    expect(await box.textContent()).toContain('login page');
    expect(await box.textContent()).not.toContain('register the final URL');
    await expectFits(box);
  });

  test("500 with an HTML page: the page's title, and that the service failed", async () => {
    const box = reasonBox('Crashes');
    await expectOrder(box, [
      '500 Internal Server Error',
      "We're sorry, but something went wrong (500)",
      '/crashes?',
    ]);
    expect(await box.textContent()).toContain('failed while answering');
    await expectFits(box);
  });

  test("a failed action hook's alert keeps HubSpot's text and adds the status and what the service said", async () => {
    const works = page.locator('section.crm-card', {
      has: page.getByRole('heading', { name: 'Works (1)', exact: true }),
    });
    await works.getByRole('button', { name: 'Close issue' }).click();
    // Legacy mode: HubSpot's alert shows the reply's `message`; the detail adds the status and reason.
    const alert = page.getByRole('alert').filter({ hasText: 'Close issue · POST' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "401 Unauthorized: SIGNATURE_MISMATCH: [spoke] the request's signature does not match it.",
    );
  });

  test('the inspector shows the same parts in the same order', async () => {
    await reasonBox('Refuses').getByRole('link', { name: 'Open in inspector →' }).click();
    const notice = page.locator('.status-notice');
    await notice.waitFor();
    await expectOrder(notice, ['401 Unauthorized', 'SIGNATURE_MISMATCH', 'GET http://127.0.0.1:']);
    const width = await notice.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.client);
  });
});
