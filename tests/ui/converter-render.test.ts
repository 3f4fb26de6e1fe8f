import type { RequestListener } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConverterPage, openConverterPage } from './helpers/converter-page.ts';

// A converter-mode record page, drawn as HubSpot's Legacy CRM Card Converter draws it: STATUS only
// through the card's definition ("Invalid property" otherwise), three properties then "View More",
// no "See more", and a sections reply as the converter's error state.

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

const service: RequestListener = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://service').pathname;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(path === '/sections' ? sectionsReply : issuesReply));
};

let fx: ConverterPage;
let page: Page;

beforeAll(async () => {
  const state = {
    name: 'state',
    label: 'State',
    dataType: 'STATUS',
    options: [{ name: 'open', label: 'Open', type: 'WARNING' }],
  };
  fx = await openConverterPage('converter-ui', service, async ({ origin, postCard }) => {
    for (const [title, path] of [
      ['Issues', '/issues'],
      ['Tickets', '/sections'],
    ] as const) {
      await postCard({
        title,
        fetch: { targetUrl: `${origin}${path}`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
        display: { properties: [state] },
        actions: { baseUrls: [origin] },
      });
    }
  });
  page = fx.page;
  await card('Issues').locator('.card-item').waitFor();
});

afterAll(() => fx?.close());

function card(title: string): Locator {
  return fx.card(title);
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
