import type { RequestListener } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConverterPage, openConverterPage } from './helpers/converter-page.ts';

// A converter-mode record page draws what HubSpot's Legacy CRM Card Converter draws around a
// click (components/ConfirmationModal.tsx, utils/handleActionOnClick.ts): Yes / No when the reply
// gives no texts, a danger dialog for a DELETE, "Error: " before a failed hook's alert, the item's
// title in an IFRAME modal's title, and DATETIME in the portal's time zone.
const hookCalls: string[] = [];

const service: RequestListener = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://service').pathname;
  if (path.startsWith('/hooks')) {
    hookCalls.push(`${req.method} ${path}`);
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{"message":"down for maintenance"}');
    return;
  }
  if (path === '/edit') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>edit</title><p>edit</p>');
    return;
  }
  const origin = `http://${req.headers.host}`;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      results: [
        {
          objectId: 1,
          title: 'API-7',
          // 2024-03-15T12:00:00Z
          properties: [{ label: 'Reported', dataType: 'DATETIME', value: '1710504000000' }],
          actions: [
            {
              type: 'CONFIRMATION_ACTION_HOOK',
              httpMethod: 'DELETE',
              uri: `${origin}/hooks/delete`,
              label: 'Delete issue',
              confirmationMessage: '',
            },
            { type: 'IFRAME', uri: `${origin}/edit`, label: 'Edit', width: 600, height: 400 },
          ],
        },
      ],
    }),
  );
};

let fx: ConverterPage;
let page: Page;

beforeAll(async () => {
  fx = await openConverterPage('converter-cosmetics', service, async ({ origin, call, postCard }) => {
    const portals = await call<{ results: { id: number }[] }>('/_spoke/portals');
    await call(`/_spoke/portals/${portals.results[0]?.id}`, {
      method: 'PATCH',
      body: { timeZone: 'Asia/Tokyo' },
    });
    await postCard({
      title: 'Issues',
      fetch: { targetUrl: `${origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
      display: { properties: [{ name: 'reported', label: 'Reported', dataType: 'STRING', options: [] }] },
      actions: { baseUrls: [`${origin}/hooks`] },
    });
  });
  page = fx.page;
  await card().locator('.card-item').waitFor();
});

afterAll(() => fx?.close());

function card(): Locator {
  return fx.card('Issues');
}

/** The converter keeps an item's actions in an "Actions" menu beside View More. */
async function openItemActions(): Promise<void> {
  const toggle = card().getByRole('button', { name: 'Actions for API-7' });
  expect(await toggle.textContent()).toBe('Actions ▾');
  await toggle.click();
}

describe('converter mode: what the record page shows around a click', () => {
  test("DATETIME reads in the portal's time zone, on one line after its bold label and a colon", async () => {
    await expect
      .poll(() => card().locator('.card-property[data-label="Reported"] dd').textContent())
      .toBe('Friday, March 15, 2024 at 9:00 PM');
    const label = await page.evaluate(`(() => {
      const dt = document.querySelector('.crm-card-converter .card-property[data-label="Reported"] dt');
      const dd = dt.nextElementSibling;
      return [getComputedStyle(dt, '::after').content, getComputedStyle(dt).fontWeight, getComputedStyle(dd).display];
    })()`);
    expect(label).toEqual(['": "', '600', 'inline']);
  });

  test('a DELETE confirmation without texts: a danger dialog, Yes first, then No', async () => {
    await openItemActions();
    await card().getByRole('button', { name: 'Delete issue' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete issue' });
    await dialog.waitFor();
    expect(await dialog.locator('.confirm-message').textContent()).toBe('Are you sure you want to proceed?');
    expect(await dialog.locator('.dialog-footer button').allTextContents()).toEqual(['Yes', 'No']);
    expect(await dialog.getByRole('button', { name: 'Yes' }).getAttribute('class')).toContain(
      'button-destructive',
    );
    // The danger dialog's header is the danger colour, not the default teal.
    const header = await page.evaluate(
      "getComputedStyle(document.querySelector('[role=alertdialog] .dialog-header')).backgroundColor",
    );
    expect(header).toBe('rgb(217, 76, 83)');
    await dialog.getByRole('button', { name: 'No' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(hookCalls).toEqual([]);
  });

  test('a confirmed hook that fails alerts "Error: Action failed with status 503"', async () => {
    await openItemActions();
    await card().getByRole('button', { name: 'Delete issue' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete issue' })
      .getByRole('button', { name: 'Yes' })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'Error: Action failed with status 503' });
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe('Error: Action failed with status 503');
    // hubspot.fetch retried the 5xx once.
    expect(hookCalls).toEqual(['DELETE /hooks/delete', 'DELETE /hooks/delete']);
  });

  test('the portal time zone is set from the record page, and a name Intl does not know is refused', async () => {
    const form = page.getByRole('form', { name: 'Portal time zone' });
    // An input with a datalist is a combobox.
    const input = form.getByRole('combobox', { name: 'Time zone' });
    expect(await input.inputValue()).toBe('Asia/Tokyo');
    await input.fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Set' }).click();
    await page.getByRole('alert').filter({ hasText: 'is not a time zone Intl knows' }).waitFor();
    await input.fill('UTC');
    await form.getByRole('button', { name: 'Set' }).click();
    await expect
      .poll(() => card().locator('.card-property[data-label="Reported"] dd').textContent())
      .toBe('Friday, March 15, 2024 at 12:00 PM');
  });

  test("an item's IFRAME modal is titled '<item title> - <label>'", async () => {
    await openItemActions();
    await card().getByRole('button', { name: 'Edit' }).click();
    const modal = page.getByRole('dialog', { name: 'API-7 - Edit' });
    await modal.waitFor();
    expect(await modal.locator('iframe').getAttribute('title')).toBe('API-7 - Edit');
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
  });
});
