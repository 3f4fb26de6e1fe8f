import type { CrmRecord } from '@spoke/emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startUiFixture, type UiFixture } from './helpers/ui-fixture.ts';

// An app writes to the record through the CRM API while it answers an action (the bug tracker's
// open_issues write-back): the record page reads the record again once the action worked.

let fx: UiFixture;
let page: Page;
let contact: CrmRecord;

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
  const contacts = await fx.call<{ results: CrmRecord[] }>('/_spoke/records/contacts?q=Maria');
  contact = contacts.results[0] as CrmRecord;
});

afterAll(async () => {
  await fx?.close();
});

const summaryValue = (name: string) =>
  page.locator('.record-props > div', { has: page.locator('dt', { hasText: name }) }).locator('dd');

describe('record page after an action', () => {
  test('shows a property the app wrote during the action hook', async () => {
    await page.goto('about:blank');
    await page.goto(`${fx.url}/#/records/contacts/${contact.id}`);
    const issues = page.locator('section.crm-card', {
      has: page.getByRole('heading', { name: 'Issues (7)', exact: true }),
    });
    await issues.getByText('API-22: APIs working too fast').waitFor();
    // What the app's PATCH /crm/v3/objects/contacts/{id} does, while the page is open.
    await fx.call(`/_spoke/records/contacts/${contact.id}`, {
      method: 'PATCH',
      body: { properties: { open_issues: '6' } },
    });
    expect(await summaryValue('open_issues').count()).toBe(0);
    await issues.locator('.card-item').first().getByRole('button', { name: 'Close issue' }).click();
    await page.getByRole('status').filter({ hasText: 'Issue API-22 closed' }).waitFor();
    await summaryValue('open_issues').filter({ hasText: '6' }).waitFor();
  });
});
