import { mkdirSync } from 'node:fs';
import { createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureUiBuilt } from '../../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../../helpers/chromium.ts';
import { startTestService, type TestService } from './test-service.ts';

const secret = 'ui-test-secret-0000-1111-2222';
const developerApiKey = 'ui-test-developer-key';
/** The seeded app: cards, Share Via and a ready channel connection. */
export const trackerAppId = 1000;

/** Everything a browser test needs, started once per test file. */
export interface UiFixture {
  emulator: Emulator;
  /** Where the emulator (and so the UI) listens. */
  url: string;
  service: TestService;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Calls the emulator's HTTP API and returns parsed JSON. */
  call<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  close(): Promise<void>;
}

/** Calls an emulator HTTP API path and returns parsed JSON; throws with the body on a non-2xx status. */
export async function callJson<T>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const statusOptions = [
  { name: 'HIGH', label: 'High', type: 'DANGER' },
  { name: 'MEDIUM', label: 'Medium', type: 'WARNING' },
  { name: 'LOW', label: 'Low', type: 'DEFAULT' },
];

/** Configures apps the way an integrator would: developer API for cards and calling, control API for the rest. */
async function configure(base: string, service: string): Promise<void> {
  const dev = (path: string) => `${path}?hapikey=${developerApiKey}`;
  const card = (title: string, path: string, objectType: string, properties: unknown[] = []) => ({
    title,
    fetch: {
      targetUrl: `${service}${path}`,
      objectTypes: [{ name: objectType, propertiesToSend: ['email', 'firstname'] }],
    },
    display: { properties },
    actions: { baseUrls: [service] },
  });
  const cards = `/crm/v3/extensions/cards-dev/${trackerAppId}`;
  const priority = { name: 'priority', label: 'Priority', dataType: 'STATUS', options: statusOptions };
  await callJson(base, dev(cards), {
    method: 'POST',
    body: card('Issues', '/card/issues', 'contacts', [priority]),
  });
  await callJson(base, dev(cards), { method: 'POST', body: card('Invoices', '/card/broken', 'contacts') });
  await callJson(base, dev(cards), {
    method: 'POST',
    body: card('Unsafe strings', '/card/unsafe', 'companies'),
  });
  await callJson(base, `/_spoke/apps/${trackerAppId}/share-via`, {
    method: 'PUT',
    body: { targetUrl: `${service}/share` },
  });
  const calling = (appId: number) => `/crm/v3/extensions/calling/${appId}/settings`;
  await callJson(base, dev(calling(trackerAppId)), {
    method: 'POST',
    body: { name: 'Tracker Calls', url: `${service}/dialer` },
  });
  await callJson(base, dev(`${calling(trackerAppId)}/channel-connection`), {
    method: 'POST',
    body: { url: `${service}/numbers`, isReady: true },
  });

  const dialer = await callJson<{ id: number }>(base, '/_spoke/apps', {
    method: 'POST',
    body: { name: 'Quiet Dialer', clientSecrets: [secret], developerApiKey },
  });
  await callJson(base, dev(calling(dialer.id)), {
    method: 'POST',
    body: { name: 'Quiet Dialer', url: `${service}/dialer` },
  });
  await callJson(base, dev(`${calling(dialer.id)}/channel-connection`), {
    method: 'POST',
    body: { url: `${service}/numbers`, isReady: false },
  });

  const locked = await callJson<{ id: number }>(base, '/_spoke/apps', {
    method: 'POST',
    body: { name: 'Locked Share', clientSecrets: [secret], developerApiKey },
  });
  await callJson(base, `/_spoke/apps/${locked.id}/share-via`, {
    method: 'PUT',
    body: { targetUrl: `${service}/share-denied` },
  });
}

/**
 * Builds the UI if needed, starts a signed-checking service and an emulator serving the UI, configures
 * three apps, and opens Chromium at 1280×800 (UTC, en-US, so formatting is stable).
 */
export async function startUiFixture(): Promise<UiFixture> {
  const uiDir = ensureUiBuilt();
  const service = await startTestService(secret);
  const emulator = await createEmulator({
    uiDir,
    seed: { appId: trackerAppId, appName: 'Bug Tracker', clientSecret: secret, developerApiKey },
  });
  const { url } = await emulator.listen(0);
  let browser: Browser | null = null;
  try {
    await configure(url, service.url);
    browser = await launchChromium();
    const { context, page } = await openTestPage(browser);
    const opened = browser;
    return {
      emulator,
      url,
      service,
      browser: opened,
      context,
      page,
      call: (path, init) => callJson(url, path, init),
      async close() {
        await opened.close();
        await emulator.close();
        await service.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await emulator.close();
    await service.close();
    throw error;
  }
}

const screenshotDir = new URL('../../../docs/screenshots/', import.meta.url);

/**
 * Saves a 1280×800 PNG of the page under docs/screenshots/ when SPOKE_SCREENSHOTS=1, so normal
 * test runs leave the work tree alone.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SPOKE_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, screenshotDir).pathname, fullPage: false });
}
