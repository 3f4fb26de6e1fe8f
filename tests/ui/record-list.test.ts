import { type CrmRecord, createEmulator, type Emulator, type Portal } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { callJson } from './helpers/ui-fixture.ts';

// Records belong to a portal (decision 0015) and the record list shows every portal's, so each row
// names its portal, and with several portals a select narrows the list to one.

let emulator: Emulator;
let browser: Browser;
let page: Page;
let url = '';
const call = <T>(path: string, init?: { method?: string; body?: unknown }) => callJson<T>(url, path, init);

beforeAll(async () => {
  emulator = await createEmulator({ uiDir: ensureUiBuilt() });
  ({ url } = await emulator.listen(0));
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

const list = () => page.getByRole('list', { name: 'Records' });
/** The row of the record named `name`. */
const row = (name: string): Locator =>
  list()
    .getByRole('listitem')
    .filter({ has: page.locator('.record-result-name', { hasText: name }) });

async function contact(name: string, portalId?: number): Promise<CrmRecord> {
  const [firstname, lastname] = name.split(' ');
  return call<CrmRecord>('/_spoke/records/contacts', {
    method: 'POST',
    body: { properties: { firstname, lastname }, ...(portalId === undefined ? {} : { portalId }) },
  });
}

describe('record list', () => {
  test('each row names its portal; with several portals a select shows one portal’s records', async () => {
    const [dev] = (await call<{ results: Portal[] }>('/_spoke/portals')).results;
    if (!dev) throw new Error('the emulator has no portal');
    const ada = await contact('Ada Devportal');
    expect(ada.portalId).toBe(dev.id);

    // One portal: the rows name it, and there is nothing to filter by.
    await page.goto(`${url}/#/records/contacts`);
    await row('Ada Devportal').waitFor();
    expect(await row('Ada Devportal').locator('.record-result-portal').textContent()).toBe(
      `${dev.name} · ${dev.id}`,
    );
    expect(await page.getByRole('combobox', { name: 'Portal' }).count()).toBe(0);

    const second = await call<Portal>('/_spoke/portals', {
      method: 'POST',
      body: { name: 'Second Portal', domain: 'second.example.com' },
    });
    await contact('Bea Secondportal', second.id);
    await page.goto('about:blank');
    await page.goto(`${url}/#/records/contacts`);
    const bea = row('Bea Secondportal').locator('.record-result-portal');
    await bea.waitFor();
    expect(await bea.textContent()).toBe(`Second Portal · ${second.id}`);
    expect(await bea.getAttribute('title')).toBe(`Portal ${second.id}: Second Portal, second.example.com`);
    expect(await row('Ada Devportal').locator('.record-result-portal').textContent()).toBe(
      `${dev.name} · ${dev.id}`,
    );

    // The filter lists every portal; choosing one leaves only its records.
    const filter = page.getByRole('combobox', { name: 'Portal' });
    expect(await filter.locator('option').allTextContents()).toEqual([
      'All portals',
      `${dev.name} · ${dev.id}`,
      `Second Portal · ${second.id}`,
    ]);
    await filter.selectOption(String(second.id));
    await row('Ada Devportal').waitFor({ state: 'detached' });
    expect(await list().locator('.record-result-name').allTextContents()).toEqual(['Bea Secondportal']);
    await filter.selectOption(String(dev.id));
    await row('Ada Devportal').waitFor();
    expect(await row('Bea Secondportal').count()).toBe(0);
    const devLabels = await list().locator('.record-result-portal').allTextContents();
    expect(new Set(devLabels)).toEqual(new Set([`${dev.name} · ${dev.id}`]));
    // The search box searches within the chosen portal.
    await page.getByRole('searchbox', { name: 'Search records by name' }).fill('Bea');
    await list().getByText('No records match.').waitFor();
    await filter.selectOption('');
    await row('Bea Secondportal').waitFor();
    expect(await list().locator('.record-result-name').allTextContents()).toEqual(['Bea Secondportal']);
  });
});
