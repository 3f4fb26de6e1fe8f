import type { CrmRecord } from '@spoke/emulator';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, type UiFixture } from './helpers/ui-fixture.ts';

let fx: UiFixture;
let page: Page;
let contact: CrmRecord;
let company: CrmRecord;

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
  const contacts = await fx.call<{ results: CrmRecord[] }>('/_spoke/records/contacts?q=Maria');
  const companies = await fx.call<{ results: CrmRecord[] }>('/_spoke/records/companies?q=Acme');
  contact = contacts.results[0] as CrmRecord;
  company = companies.results[0] as CrmRecord;
});

afterAll(async () => {
  await fx?.close();
});

function card(title: string): Locator {
  return page.locator('section.crm-card', { has: page.getByRole('heading', { name: title, exact: true }) });
}

/** Loads the UI afresh at a route, so no dialog or state carries over from the last test. */
async function visit(hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${fx.url}/${hash}`);
}

async function openContact(): Promise<Locator> {
  await visit(`#/records/contacts/${contact.id}`);
  const issues = card('Issues (7)');
  await issues.getByText('API-22: APIs working too fast').waitFor();
  return issues;
}

function property(scope: Locator, label: string): Locator {
  return scope.locator(`.card-property[data-label="${label}"] dd`);
}

describe('record page', () => {
  test('renders all nine data types, display properties first, five items and See more', async () => {
    const issues = await openContact();
    const first = issues.locator('.card-item').first();
    expect(await first.locator('.card-property dt').allTextContents()).toEqual([
      'Priority',
      'Resolution impact',
      'Reported',
      'Last update',
      'Reporter',
      'Tracker',
      'Votes',
      'State',
      'Customer visible',
      'Component',
    ]);
    expect(await property(first, 'Priority').locator('.status-badge.status-danger').textContent()).toBe(
      'High',
    );
    expect(await property(first, 'Resolution impact').textContent()).toBe('£1,234.50 GBP');
    expect(await property(first, 'Reported').textContent()).toBe('Sep 15, 2016');
    expect(await property(first, 'Last update').textContent()).toBe('Nov 14, 2023, 10:13 PM');
    expect(await property(first, 'Reporter').locator('a').getAttribute('href')).toBe(
      'mailto:maria.johnson@acmerobotics.com',
    );
    const tracker = property(first, 'Tracker').locator('a');
    expect(await tracker.textContent()).toBe('Open in tracker');
    expect(await tracker.getAttribute('href')).toBe('https://tracker.example.com/API-22');
    expect(await property(first, 'Votes').textContent()).toBe('12,345.5');
    expect(await property(first, 'State').locator('.status-badge.status-warning').textContent()).toBe('Open');
    expect(await property(first, 'Customer visible').textContent()).toBe('Yes');
    expect(await property(first, 'Component').textContent()).toBe('API gateway');

    expect(await issues.locator('.card-item').count()).toBe(5);
    const seeMore = issues.locator('.see-more a');
    expect(await seeMore.textContent()).toBe('See more issues (7)');
    expect(await seeMore.getAttribute('href')).toBe(`${fx.service.url}/issues`);
    await saveScreenshot(page, 'record-page');
  });

  test("formats dates, numbers and money in the viewing user's locale, set from the page", async () => {
    try {
      const issues = await openContact();
      const viewer = page.getByRole('form', { name: 'Viewing user' });
      expect(await viewer.textContent()).toContain('Viewing as dev@spoke.local');
      const input = viewer.getByRole('combobox', { name: 'Locale' });
      await input.fill('xx-YY');
      await viewer.getByRole('button', { name: 'Set' }).click();
      await page.getByRole('alert').filter({ hasText: 'is not a locale Intl knows' }).waitFor();

      await input.fill('de-DE');
      await viewer.getByRole('button', { name: 'Set' }).click();
      const first = issues.locator('.card-item').first();
      await property(first, 'Reported').getByText('15.09.2016').waitFor();
      expect(await property(first, 'Resolution impact').textContent()).toBe('1.234,50\u00a0£ GBP');
      expect(await property(first, 'Votes').textContent()).toBe('12.345,5');
      // The locale is the user's: it holds when the page opens again.
      await openContact();
      await property(issues.locator('.card-item').first(), 'Reported').getByText('15.09.2016').waitFor();
    } finally {
      await fx.call('/_spoke/users/1', { method: 'PATCH', body: { locale: 'en-US' } });
    }
  });

  test('shows a failing card in HubSpot error state with the schema error path beside it', async () => {
    await openContact();
    const invoices = card('Invoices');
    await invoices.getByText("This card couldn't load.").waitFor();
    const reason = invoices.getByRole('complementary', { name: 'Reason' });
    expect(await reason.locator('.code-chip').textContent()).toBe('DISPATCH_REPLY_INVALID');
    expect(await reason.textContent()).toContain('results.0.properties.0.currencyCode');
    await invoices.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'failed-card');
  });

  test('opens an IFRAME action at its size, flags junk messages, and DONE closes it and refreshes the card', async () => {
    const issues = await openContact();
    await issues.locator('.card-item').first().getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit' });
    const frameElement = dialog.locator('iframe');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toBe(
      'allow-scripts allow-forms allow-same-origin allow-popups',
    );
    const box = await frameElement.boundingBox();
    expect(box?.height).toBe(360);
    expect(box?.width).toBe(640);
    expect(await frameElement.getAttribute('src')).toContain(`${fx.service.url}/iframe/edit`);

    const frame = page.frameLocator('iframe.action-frame');
    await frame.getByRole('button', { name: 'Send junk' }).click();
    await dialog.getByText('not valid JSON', { exact: false }).waitFor();
    await frame.getByRole('button', { name: 'Send unknown' }).click();
    await dialog.getByText('unknown message', { exact: false }).waitFor();
    await saveScreenshot(page, 'iframe-action');

    await frame.getByRole('button', { name: 'Save and close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await property(issues.locator('.card-item').first(), 'State').getByText('In progress').waitFor();
  });

  test('runs an action hook and shows its reply message as a success or error toast', async () => {
    const issues = await openContact();
    await issues.locator('.card-item').first().getByRole('button', { name: 'Close issue' }).click();
    await page.getByRole('status').filter({ hasText: 'Issue API-22 closed' }).waitFor();
    expect(fx.service.state.issueState).toBe('Closed');

    await issues.getByRole('button', { name: 'Actions ▾' }).click();
    await issues.getByRole('button', { name: 'Sync with tracker' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Sync with tracker' });
    await alert.waitFor();
  });

  test('asks for confirmation first: Keep it and Esc send nothing, the confirm button sends the hook', async () => {
    const issues = await openContact();
    const before = fx.service.state.deleted;
    const deleteButton = issues.locator('.card-item').first().getByRole('button', { name: 'Delete' });
    await deleteButton.click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete' });
    await dialog.getByText('Delete API-22 for good?').waitFor();
    // Focus starts on the confirm button and Tab stays inside the dialog.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Yes, delete it');
    const focusInDialog = 'Boolean(document.activeElement?.closest("[role=alertdialog]"))';
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(focusInDialog)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(focusInDialog)).toBe(true);
    await saveScreenshot(page, 'confirmation');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });

    await deleteButton.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(fx.service.state.deleted).toBe(before);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('status').filter({ hasText: 'Issue API-22 deleted' }).waitFor();
    expect(fx.service.state.deleted).toBe(before + 1);
  });

  test('renders <script>, <img onerror> and javascript: links from a card as inert text', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await visit(`#/records/companies/${company.id}`);
    const unsafe = card('Unsafe strings (1)');
    const title = unsafe.getByText('<script>window.__pwned = "title"</script>Totally normal issue');
    await title.waitFor();
    expect(await unsafe.locator('script, img, b').count()).toBe(0);
    expect(await unsafe.getByText(`<img src=x onerror="window.__pwned='value'">`).count()).toBe(1);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await unsafe.locator('.link-inert .flag').count()).toBe(2);

    await title.click();
    await unsafe.getByText('<b>Read the docs</b>').click();
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
