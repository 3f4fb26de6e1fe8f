import type { CrmRecord } from '@spoke/emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startUiFixture, trackerAppId, type UiFixture } from './helpers/ui-fixture.ts';

// The Apps screen edits an app's permittedUrls; in converter mode the inspector marks a call that
// production's hubspot.fetch would refuse, while the card still renders from the local service.
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

describe('permittedUrls on the Apps screen', () => {
  test('an http entry is refused with the reason; a saved list is shown; a converter call outside it reads "refused in production" in the inspector', async () => {
    await visit('#/apps');
    const tracker = page.getByRole('region', { name: 'Bug Tracker' });
    const field = tracker.getByLabel('permittedUrls.fetch');
    await field.fill('http://tracker.example.com');
    await tracker.getByRole('button', { name: 'Set permitted URLs' }).click();
    await tracker
      .getByRole('alert')
      .getByText(/only calls HTTPS URLs/)
      .waitFor();

    await field.fill('https://tracker.example.com\nhttps://hooks.example.com');
    await tracker.getByRole('button', { name: 'Set permitted URLs' }).click();
    await tracker
      .getByText('hubspot.fetch may call https://tracker.example.com, https://hooks.example.com.')
      .waitFor();
    expect(await tracker.getByRole('alert').count()).toBe(0);
    const app = await fx.call<{ permittedUrls: unknown }>(`/_spoke/apps/${trackerAppId}`);
    expect(app.permittedUrls).toEqual({
      fetch: ['https://tracker.example.com', 'https://hooks.example.com'],
    });

    await tracker.getByLabel('Request shape').selectOption('converter');
    await visit(`#/records/contacts/${contact.id}`);
    const issues = page.locator('section.crm-card', { has: page.getByRole('heading', { name: /^Issues/ }) });
    await issues.getByText('API-22: APIs working too fast').waitFor();

    const { results } = await fx.call<{ results: { id: string; request: { url: string } }[] }>(
      '/_spoke/requests',
    );
    const fetch = results.find((e) => e.request.url.startsWith(`${fx.service.url}/card/issues?`));
    if (!fetch) throw new Error('no converter data fetch of the Issues card');
    await visit(`#/inspector/${fetch.id}`);
    const verdict = page
      .locator('.verdict', { hasText: 'refused in production: ' })
      .filter({ hasText: "is not in the app's permittedUrls.fetch" })
      .first();
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain(
      'it lists https://tracker.example.com, https://hooks.example.com',
    );
    await page.locator('.verdict', { hasText: 'hubspot.fetch does not call localhost' }).first().waitFor();
  });
});
