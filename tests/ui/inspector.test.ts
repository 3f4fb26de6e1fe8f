import type { CrmRecord } from '@spoke/emulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, type UiFixture } from './helpers/ui-fixture.ts';

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

const fetches = () => fx.service.log.calls.filter((c) => c === 'GET /card/issues').length;

describe('Inspector', () => {
  test('lists requests live, filters them, and explains one: headers, body, timing, signature', async () => {
    await page.goto('about:blank');
    await page.goto(`${fx.url}/#/inspector`);
    await page.getByText('Live', { exact: true }).waitFor();
    // A record opened elsewhere (here through the API) arrives over server-sent events.
    await fx.call(`/_spoke/records/contacts/${contact.id}/cards`, { method: 'POST', body: {} });
    const list = page.getByRole('region', { name: 'Requests' });
    await list.locator('.exchange-row', { hasText: '/card/issues' }).first().waitFor();
    await list.locator('.exchange-row', { hasText: '/card/broken' }).first().waitFor();

    await page.getByRole('searchbox', { name: 'Filter requests' }).fill('card/issues');
    expect(await list.locator('.exchange-row', { hasText: '/card/broken' }).count()).toBe(0);
    await list.locator('.exchange-row', { hasText: '/card/issues' }).first().click();

    const detail = page.getByRole('article', { name: 'Request detail' });
    await detail.getByRole('heading', { name: /GET http:\/\/127\.0\.0\.1:\d+\/card\/issues\?/ }).waitFor();
    expect(await detail.getByRole('region', { name: 'Signature' }).textContent()).toContain(
      'Signed with v2 + v3',
    );
    const v3 = detail.locator('pre[data-signed="v3"]');
    expect(await v3.textContent()).toContain('/card/issues?');
    const request = detail.getByRole('region', { name: 'Request' });
    expect((await request.textContent())?.toLowerCase()).toContain('x-hubspot-signature-v3');
    const timing = detail.getByRole('img', { name: /of a 5000 ms budget/ });
    expect(await timing.count()).toBe(1);
    expect(await detail.getByRole('region', { name: 'Reply' }).textContent()).toContain(
      'API-22: APIs working too fast',
    );
    await saveScreenshot(page, 'inspector');
  });

  test('shows schema errors with their paths for a failed card', async () => {
    await page.getByRole('searchbox', { name: 'Filter requests' }).fill('card/broken');
    await page.getByRole('region', { name: 'Requests' }).locator('.exchange-row').first().click();
    const detail = page.getByRole('article', { name: 'Request detail' });
    await detail.getByText('DISPATCH_REPLY_INVALID').first().waitFor();
    expect(await detail.getByRole('list', { name: 'Schema errors' }).textContent()).toContain(
      'results.0.properties.0.currencyCode',
    );
    await saveScreenshot(page, 'inspector-failed');
  });

  test('replays a request with a fresh and with the original timestamp', async () => {
    await page.getByRole('searchbox', { name: 'Filter requests' }).fill('card/issues');
    await page.getByRole('region', { name: 'Requests' }).locator('.exchange-row').first().click();
    const before = fetches();
    const detail = page.getByRole('article', { name: 'Request detail' });
    await detail.getByRole('button', { name: 'Replay (fresh timestamp)' }).click();
    await page.getByRole('status').filter({ hasText: 'Replayed with a fresh timestamp' }).waitFor();
    await detail.getByText('replay of').waitFor();
    expect(fetches()).toBe(before + 1);
    expect(
      await page
        .getByRole('region', { name: 'Requests' })
        .locator('.exchange-row', { hasText: 'replay' })
        .count(),
    ).toBe(1);

    await detail.getByRole('button', { name: 'Replay (original timestamp)' }).click();
    await page.getByRole('status').filter({ hasText: 'Replayed with the original timestamp' }).waitFor();
    expect(fetches()).toBe(before + 2);
  });

  test('lists the messages an IFRAME page posted, flagging the ones HubSpot ignores', async () => {
    await page.goto('about:blank');
    await page.goto(`${fx.url}/#/records/contacts/${contact.id}`);
    await page.locator('.card-item').first().getByRole('button', { name: 'Edit' }).click();
    const frame = page.frameLocator('iframe.action-frame');
    await frame.getByRole('button', { name: 'Send junk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit' });
    await dialog.getByText('not valid JSON', { exact: false }).waitFor();
    await frame.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Inspector/ })
      .click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('ui');
    const rows = page.getByRole('region', { name: 'Requests' }).locator('.exchange-row');
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('IFRAME closed'),
      expect.stringContaining('CANCEL'),
      expect.stringMatching(/not-json.*⚠ flagged/),
      expect.stringContaining('Opened IFRAME "Edit" 640×360'),
    ]);
    await rows.filter({ hasText: 'not-json' }).click();
    const detail = page.getByRole('article', { name: 'Browser event detail' });
    expect(await detail.getByRole('alert').textContent()).toContain('not valid JSON');
  });
});
