import type { CrmRecord } from '@spoke/emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, trackerAppId, type UiFixture } from './helpers/ui-fixture.ts';

let fx: UiFixture;
let page: Page;
let contact: CrmRecord;

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
  contact = (await fx.call<{ results: CrmRecord[] }>('/_spoke/records/contacts?q=Maria'))
    .results[0] as CrmRecord;
});

afterAll(async () => {
  await fx?.close();
});

async function visit(hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${fx.url}/${hash}`);
}

const issuesCard = () =>
  page.locator('section.crm-card', { has: page.getByRole('heading', { name: /^Issues/ }) });

describe('Apps', () => {
  test("shows each app's cards, calling and channel settings, Share Via target and a hidden secret", async () => {
    await visit('#/apps');
    const tracker = page.getByRole('region', { name: 'Bug Tracker' });
    await tracker.getByText('Unsafe strings').waitFor();
    const text = (await tracker.textContent()) ?? '';
    for (const expected of [
      'Issues',
      'Invoices',
      `${fx.service.url}/card/issues`,
      'Tracker Calls',
      `${fx.service.url}/share`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('ui-test-secret-0000-1111-2222');
    await tracker.getByRole('button', { name: 'Show' }).click();
    await tracker.getByText('ui-test-secret-0000-1111-2222').waitFor();
    const dialer = page.getByRole('region', { name: 'Quiet Dialer' });
    await dialer.getByText('isReady=false').waitFor();
    await saveScreenshot(page, 'apps');
  });

  test('switches the platform mode: the converter shows a static title, legacy the item count', async () => {
    await visit('#/apps');
    await page.getByRole('button', { name: 'Card converter' }).click();
    await page.getByText('Mode: CRM card converter').waitFor();
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText('API-22: APIs working too fast').waitFor();
    expect(await issuesCard().locator('.crm-card-title').textContent()).toBe('Issues');

    await visit('#/apps');
    await page.getByRole('button', { name: 'Legacy CRM cards' }).click();
    await page.getByText('Mode: legacy CRM cards').waitFor();
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText('API-22: APIs working too fast').waitFor();
    expect(await issuesCard().locator('.crm-card-title').textContent()).toBe('Issues (7)');
  });

  test('a fault added on the Apps screen fails the card with its reason until it is removed', async () => {
    await visit('#/apps');
    const faults = page.getByRole('region', { name: 'Fault injection' });
    await faults.getByText('No faults').waitFor();
    await faults.getByLabel('App').selectOption({ label: 'Bug Tracker' });
    await faults.getByLabel('Only URLs starting with').fill(`${fx.service.url}/card/issues`);
    await faults.getByLabel('Answer status').fill('503');
    await faults.getByRole('button', { name: 'Add fault' }).click();
    await faults.getByText(`answer 503 · Bug Tracker · ${fx.service.url}/card/issues…`).waitFor();

    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText("This card couldn't load.").waitFor();
    expect(await issuesCard().locator('.code-chip').textContent()).toBe('DISPATCH_STATUS_NOT_OK');

    await visit('#/apps');
    await faults.getByRole('button', { name: 'Remove' }).click();
    await faults.getByText('No faults').waitFor();
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText('API-22: APIs working too fast').waitFor();
  });

  test("sets an app's public URL and request shape: refused input is named, calls are signed for the public URL, the shape follows the app", async () => {
    await visit('#/apps');
    const tracker = page.getByRole('region', { name: 'Bug Tracker' });
    const publicUrl = tracker.getByLabel('Public URL', { exact: true });
    await publicUrl.fill('https://app.example.com/?from=tunnel');
    await tracker.getByRole('button', { name: 'Save' }).click();
    await tracker
      .getByRole('alert')
      .getByText(/publicUrl/)
      .waitFor();

    await publicUrl.fill('https://app.example.com');
    await tracker.getByRole('button', { name: 'Save' }).click();
    await tracker.getByText('Calls are signed for https://app.example.com + the path and query').waitFor();
    expect(await tracker.getByRole('alert').count()).toBe(0);

    // The example service verifies against the URL it is called on, so a tunnel's URL is refused.
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText("This card couldn't load.").waitFor();
    const { results } = await fx.call<{
      results: { id: string; request: { url: string; signedUrl?: string } }[];
    }>('/_spoke/requests');
    const fetch = results.find((e) =>
      e.request.signedUrl?.startsWith('https://app.example.com/card/issues?'),
    );
    if (!fetch) throw new Error('no card fetch signed for the public URL');
    expect(fetch.request.url.startsWith(`${fx.service.url}/card/issues?`)).toBe(true);
    await visit(`#/inspector/${fetch.id}`);
    await page.locator('.signed-for').waitFor();
    expect(await page.locator('.signed-for code').textContent()).toBe(fetch.request.signedUrl);

    await visit('#/apps');
    await publicUrl.fill('');
    await tracker.getByRole('button', { name: 'Save' }).click();
    await tracker.getByText('Behind a tunnel or proxy').waitFor();

    // The emulator is in legacy mode; the app alone switches to the converter's shape.
    await tracker.getByLabel('Request shape').selectOption({ label: 'Card converter' });
    await expect
      .poll(async () => (await fx.call<{ mode: string | null }>(`/_spoke/apps/${trackerAppId}`)).mode)
      .toBe('converter');
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText('API-22: APIs working too fast').waitFor();
    expect(await issuesCard().locator('.crm-card-title').textContent()).toBe('Issues');

    await visit('#/apps');
    await tracker.getByLabel('Request shape').selectOption({ label: "The emulator's mode" });
    await expect
      .poll(async () => (await fx.call<{ mode: string | null }>(`/_spoke/apps/${trackerAppId}`)).mode)
      .toBeNull();
    await visit(`#/records/contacts/${contact.id}`);
    await issuesCard().getByText('API-22: APIs working too fast').waitFor();
    expect(await issuesCard().locator('.crm-card-title').textContent()).toBe('Issues (7)');

    // A card's own public URL shows beside its data fetch URL.
    const { results: cards } = await fx.call<{ results: { id: string; title: string }[] }>(
      `/crm/v3/extensions/cards-dev/${trackerAppId}?hapikey=ui-test-developer-key`,
    );
    const issues = cards.find((c) => c.title === 'Issues');
    if (!issues) throw new Error('no Issues card');
    await fx.call(`/_spoke/apps/${trackerAppId}`, {
      method: 'PATCH',
      body: { cardPublicUrls: { [issues.id]: 'https://cards.example.com' } },
    });
    await visit('#/apps');
    await tracker.getByText("signed for https://cards.example.com (this card's public URL)").waitFor();
    await fx.call(`/_spoke/apps/${trackerAppId}`, {
      method: 'PATCH',
      body: { cardPublicUrls: { [issues.id]: null } },
    });
  });
});
