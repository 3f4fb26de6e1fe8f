import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, trackerAppId, type UiFixture } from './helpers/ui-fixture.ts';

let fx: UiFixture;
let page: Page;

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
});

afterAll(async () => {
  await fx?.close();
});

async function openCalling(override: boolean): Promise<Locator> {
  await page.goto('about:blank');
  await page.goto(`${fx.url}/#/help-desk`);
  const key = 'LocalSettings:Calling:supportsChannelConnection';
  await page.evaluate(
    override ? `localStorage.setItem('${key}', 'true')` : `localStorage.removeItem('${key}')`,
  );
  await page.reload();
  await page.getByRole('button', { name: 'Connect channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect a channel' });
  await dialog.getByRole('button', { name: /Calling/ }).click();
  await dialog.getByRole('button', { name: /Tracker Calls/ }).waitFor();
  return dialog;
}

describe('Help desk → Connect channel → Calling', () => {
  test('greys out a provider whose isReady is false unless the local-storage override is true', async () => {
    let dialog = await openCalling(false);
    const quiet = dialog.getByRole('button', { name: /Quiet Dialer/ });
    expect(await quiet.isDisabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: /Tracker Calls/ }).isDisabled()).toBe(false);

    dialog = await openCalling(true);
    const enabled = dialog.getByRole('button', { name: /Quiet Dialer/ });
    expect(await enabled.isDisabled()).toBe(false);
    await enabled.click();
    await dialog.locator('.number-option').first().waitFor();
    expect(fx.service.log.calls.filter((c) => c === 'POST /numbers')).toHaveLength(1);
  });

  test('lists numbers with friendlyName cut to 24 characters and an extension that cannot be selected', async () => {
    const dialog = await openCalling(false);
    await dialog.getByRole('button', { name: /Tracker Calls/ }).click();
    const names = dialog.locator('.number-name');
    await names.first().waitFor();
    expect(await names.allTextContents()).toEqual(['Enterprise support line ', 'Billing desk', 'Sales']);
    const billing = dialog.getByRole('radio', { name: /Billing desk/ });
    expect(await billing.isDisabled()).toBe(true);
    expect(await dialog.locator('.number-option', { hasText: 'Billing desk' }).textContent()).toContain(
      'ext. 12',
    );
    expect(await dialog.getByRole('button', { name: 'Connect' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'calling');

    await dialog.getByRole('radio', { name: /Enterprise support/ }).check();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByRole('region', { name: 'Connected channels' });
    await table.getByText('+18001231234').waitFor();
    const connections = await fx.call<{ results: { e164PhoneNumber: string }[] }>(
      `/_spoke/apps/${trackerAppId}/channel-connection/connections`,
    );
    expect(connections.results.map((c) => c.e164PhoneNumber)).toEqual(['+18001231234']);
  });
});
