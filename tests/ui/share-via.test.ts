import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot, startUiFixture, type UiFixture } from './helpers/ui-fixture.ts';

let fx: UiFixture;
let page: Page;

beforeAll(async () => {
  fx = await startUiFixture();
  page = fx.page;
});

afterAll(async () => {
  await fx?.close();
});

async function openShareDialog(report: string): Promise<Locator> {
  await page.goto('about:blank');
  await page.goto(`${fx.url}/#/reports`);
  await page.getByRole('button', { name: `Actions for ${report}` }).click();
  await page.getByRole('button', { name: 'Share via' }).click();
  const dialog = page.getByRole('dialog', { name: `Share "${report}"` });
  await dialog.waitFor();
  return dialog;
}

function recipientNames(dialog: Locator): Promise<string[]> {
  return dialog
    .locator('.recipient-option')
    .evaluateAll((buttons) => buttons.map((b) => (b.childNodes[1]?.textContent ?? '').trim()));
}

function shareRow(recipient: string): Locator {
  return page.getByRole('region', { name: 'Shares' }).locator('tr', { hasText: recipient });
}

describe('Reports → Share via', () => {
  test('shows a failing permission check and shares nothing', async () => {
    const dialog = await openShareDialog('Chat Conversations');
    await dialog.getByRole('button', { name: /Locked Share/ }).click();
    const alert = dialog.getByRole('alert');
    expect(await alert.textContent()).toContain('Permission check failed');
    expect(await dialog.getByRole('button', { name: 'Send now' }).isDisabled()).toBe(true);
    expect(await dialog.locator('.recipient-list').count()).toBe(0);
  });

  test('checks permission, searches as you type, pages, and sends now with a recipientUrl', async () => {
    const dialog = await openShareDialog('Chat Conversations');
    await dialog.getByRole('button', { name: /Bug Tracker/ }).click();
    await dialog.getByText('Page 1 · 1–10 of 13').waitFor();
    // Channels and users are told apart.
    expect(
      await dialog
        .locator('.recipient-option', { hasText: 'general' })
        .locator('.recipient-kind')
        .textContent(),
    ).toBe('Channel');
    expect(
      await dialog
        .locator('.recipient-option', { hasText: 'Maria Johnson' })
        .locator('.recipient-kind')
        .textContent(),
    ).toBe('User');

    await dialog.getByRole('button', { name: 'Next page ›' }).click();
    await dialog.getByText('Page 2 · 11–13 of 13').waitFor();
    expect(await recipientNames(dialog)).toEqual(['Lars Nilsson', 'sales-emea', 'Sally Salesperson']);
    expect(await dialog.getByRole('button', { name: 'Next page ›' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '‹ Previous' }).click();
    await dialog.getByText('Page 1 · 1–10 of 13').waitFor();

    await dialog
      .getByRole('searchbox', { name: 'Search recipients' })
      .pressSequentially('sal', { delay: 30 });
    await dialog.getByText('Page 1 · 1–3 of 3').waitFor();
    expect(await recipientNames(dialog)).toEqual(['sales-team', 'sales-emea', 'Sally Salesperson']);
    await dialog.locator('.recipient-option', { hasText: 'Sally Salesperson' }).click();
    await dialog.getByLabel('Message (optional)').fill('Numbers for the Q3 review');
    await saveScreenshot(page, 'share-via');
    await dialog.getByRole('button', { name: 'Send now' }).click();

    const done = dialog.getByRole('status');
    await done.getByText('Sent to Sally Salesperson.').waitFor();
    expect(await done.getByRole('link', { name: 'Open in the app' }).getAttribute('href')).toBe(
      'https://chat.example.com/messages/U7',
    );
    expect(fx.service.log.shares.at(-1)).toMatchObject({
      recipient: { id: 'U7', name: 'Sally Salesperson', type: 1 },
      message: 'Numbers for the Q3 review',
      objectMetadata: {
        id: 2334567,
        type: 2,
        name: 'Chat Conversations',
        // An image of the report on the emulator the page talks to. docs/protocol.md §3.
        screenshotUrl: `${fx.url}/_spoke/reports/2334567/screenshot.svg?name=Chat%20Conversations`,
      },
    });
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = shareRow('Sally Salesperson');
    await row.getByText('✓ Delivered').waitFor();
    expect(await row.getByRole('link', { name: 'recipientUrl' }).getAttribute('href')).toBe(
      'https://chat.example.com/messages/U7',
    );
  });

  test('filters recipients to channels or users (recipientsFilter.type), with the name search', async () => {
    const dialog = await openShareDialog('Chat Conversations');
    await dialog.getByRole('button', { name: /Bug Tracker/ }).click();
    await dialog.getByText('Page 1 · 1–10 of 13').waitFor();
    const show = dialog.getByRole('radiogroup', { name: 'Show' });
    await show.getByLabel('Channels').check();
    await dialog.getByText('Page 1 · 1–6 of 6').waitFor();
    expect(await recipientNames(dialog)).toEqual([
      'general',
      'sales-team',
      'support-escalations',
      'marketing',
      'release-notes',
      'sales-emea',
    ]);
    await show.getByLabel('Users').check();
    await dialog.getByText('Page 1 · 1–7 of 7').waitFor();
    expect(await dialog.locator('.recipient-option .recipient-kind').allTextContents()).toEqual(
      Array(7).fill('User'),
    );
    await dialog
      .getByRole('searchbox', { name: 'Search recipients' })
      .pressSequentially('sal', { delay: 30 });
    await dialog.getByText('Page 1 · 1–1 of 1').waitFor();
    expect(await recipientNames(dialog)).toEqual(['Sally Salesperson']);
    // What the service was sent: the platform's FETCH_RECIPIENTS with both filters.
    const log = await fx.call<{ results: { kind: string; request: { body: string } }[] }>(
      '/_spoke/requests?limit=1',
    );
    const [latest] = log.results;
    expect(latest?.kind).toBe('share-via.fetch-recipients');
    expect(JSON.parse(latest?.request.body ?? '{}').payload.recipientsFilter).toEqual({
      type: 1,
      name: 'sal',
    });
    await show.getByLabel('All').check();
    await dialog.getByText('Page 1 · 1–3 of 3').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('schedules a weekly share that can be paused, resumed and deleted', async () => {
    const dialog = await openShareDialog('Deals closed this quarter');
    await dialog.getByRole('button', { name: /Bug Tracker/ }).click();
    await dialog.getByLabel('Weekly').check();
    await dialog.locator('.recipient-option', { hasText: 'general' }).click();
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.getByText('Scheduled weekly to general.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = shareRow('general');
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('paused').waitFor();
    await saveScreenshot(page, 'reports');
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: /Delete share/ }).click();
    await row.waitFor({ state: 'detached' });
    const shares = await fx.call<{ results: { recipient: { name: string } }[] }>('/_spoke/shares');
    expect(shares.results.map((s) => s.recipient.name)).toEqual(['Sally Salesperson']);
  });
});
