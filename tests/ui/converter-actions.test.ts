import type { RequestListener } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConverterPage, openConverterPage } from './helpers/converter-page.ts';

// A converter-mode record page handles clicks as HubSpot's Legacy CRM Card Converter does
// (handleActionOnClick.ts): a relative hook URI alerts and calls nothing, and the card is not
// fetched again after a hook.
const relativeAlert =
  "Error: Action URI: '/hooks/close' does not share a base URI with the base URIs defined for this object type";

const requests: string[] = [];

const service: RequestListener = (req, res) => {
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
};

let fx: ConverterPage;
let page: Page;

beforeAll(async () => {
  fx = await openConverterPage('converter-actions', service, ({ origin, postCard }) =>
    postCard({
      title: 'Issues',
      fetch: { targetUrl: `${origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
      // The converter refuses a definition without display properties.
      display: { properties: [{ name: 'priority', label: 'Priority', dataType: 'STRING', options: [] }] },
      actions: { baseUrls: [`${origin}/hooks`] },
    }),
  );
  page = fx.page;
  await card().locator('.card-item').waitFor();
});

afterAll(() => fx?.close());

function card(): Locator {
  return fx.card('Issues');
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
