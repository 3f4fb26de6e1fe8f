import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../helpers/chromium.ts';
import { fixedPublicUrl, startFixedPublicUrl } from '../real-services/fixed-public-url.ts';
import { startHealthyV3 } from '../real-services/healthy-v3.ts';
import { startIframeInResults } from '../real-services/iframe-in-results.ts';
import { startPostOnlyCard } from '../real-services/post-only-card.ts';
import { startReadsObjectId } from '../real-services/reads-object-id.ts';
import type { RealService } from '../real-services/service.ts';
import { startV2Only403 } from '../real-services/v2-only-403.ts';
import { startVerifiesNothing } from '../real-services/verifies-nothing.ts';
import { callJson } from './helpers/ui-fixture.ts';

// The record page, in Chromium, for card services written without Spoke (tests/real-services):
// one contact, one card per service, each showing what HubSpot would show and, when it fails,
// the status and what the service said.
const secret = 'real-services-ui-secret';
const developerApiKey = 'real-services-ui-key';
const appId = 1000;

const cards = {
  Healthy: startHealthyV3,
  'V2 only': startV2Only403,
  Unverified: startVerifiesNothing,
  'Post only': startPostOnlyCard,
  'Iframe in results': startIframeInResults,
  'Public URL': startFixedPublicUrl,
  Linked: startReadsObjectId,
} as const;

const services: RealService[] = [];
let emulator: Emulator;
let browser: Browser;
let page: Page;
let base = '';
let contact: CrmRecord;

beforeAll(async () => {
  const uiDir = ensureUiBuilt();
  emulator = await createEmulator({
    uiDir,
    seed: { appId, appName: 'Plain Services', clientSecret: secret, developerApiKey },
  });
  base = (await emulator.listen(0)).url;
  const cardsPath = `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`;
  for (const [title, start] of Object.entries(cards)) {
    const service = await start(secret);
    services.push(service);
    await callJson(base, cardsPath, {
      method: 'POST',
      body: {
        title,
        fetch: {
          targetUrl: service.url,
          objectTypes: [{ name: 'contacts', propertiesToSend: ['hs_object_id', 'email'] }],
        },
        display: { properties: [] },
        actions: { baseUrls: [service.origin] },
      },
    });
  }
  const contacts = await callJson<{ results: CrmRecord[] }>(base, '/_spoke/records/contacts?q=Maria');
  contact = contacts.results[0] as CrmRecord;
  browser = await launchChromium();
  ({ page } = await openTestPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await Promise.all(services.map((service) => service.close()));
});

function card(title: string): Locator {
  return page.locator('section.crm-card', { has: page.getByRole('heading', { name: title }) });
}

async function openContact(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/#/records/contacts/${contact.id}`);
  await page
    .locator('section.crm-card')
    .nth(Object.keys(cards).length - 1)
    .waitFor();
}

describe('record page: services written without Spoke', () => {
  test('services that verify (or not) render their cards; one that reads hs_object_id links the record', async () => {
    await openContact();
    for (const title of ['Healthy', 'V2 only', 'Unverified']) {
      await card(title).locator('.card-item').first().waitFor();
      expect(await card(title).locator('.card-error').count()).toBe(0);
    }
    await card('Linked').getByText(`Linked: record ${contact.id}`).waitFor();
    expect(await card('Linked').getByText('Not linked').count()).toBe(0);
  });

  test('a POST-only route shows 404 first and says HubSpot fetches cards with GET', async () => {
    await openContact();
    const error = card('Post only').locator('.card-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('404');
    expect(text).toMatch(/GET/);
    expect(text.indexOf('404')).toBeLessThan(text.indexOf('127.0.0.1'));
  });

  test('an iframe action in results is refused with the likely intent named', async () => {
    await openContact();
    const error = card('Iframe in results').locator('.card-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/primaryAction/);
  });

  test('a service verifying its public URL shows its 401 and reason, then renders once the app declares that URL', async () => {
    await openContact();
    const error = card('Public URL').locator('.card-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('401');
    expect(text).toContain('signature check failed');

    await callJson(base, `/_spoke/apps/${appId}`, { method: 'PATCH', body: { publicUrl: fixedPublicUrl } });
    await openContact();
    await card('Public URL').locator('.card-item').first().waitFor();
    expect(await card('Public URL').locator('.card-error').count()).toBe(0);
  });
});
