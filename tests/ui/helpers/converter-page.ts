import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureUiBuilt } from '../../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../../helpers/chromium.ts';
import { callJson } from './ui-fixture.ts';

/** The seeded app of every converter-page test. */
export const converterAppId = 1000;

/** What a test's `configure` step gets: the emulator and the service, before the page opens. */
export interface ConverterSetup {
  /** The emulator's origin. */
  base: string;
  /** The service's origin (`http://127.0.0.1:port`). */
  origin: string;
  call<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Defines a card for the seeded app through HubSpot's developer API (`title`, `fetch`, `display`, `actions`). */
  postCard(definition: Record<string, unknown>): Promise<unknown>;
}

/** A record page in converter mode, open in Chromium on Maria's contact record. */
export interface ConverterPage extends ConverterSetup {
  emulator: Emulator;
  browser: Browser;
  page: Page;
  /** The card titled `title` on the page. */
  card(title: string): Locator;
  close(): Promise<void>;
}

/**
 * Starts `service` on 127.0.0.1, an emulator with the UI in converter mode, runs `configure`
 * (cards, portal time zone, scopes), then opens the record page of the seeded contact Maria.
 * `name` keeps each file's app secret and developer API key its own.
 */
export async function openConverterPage(
  name: string,
  service: RequestListener,
  configure: (setup: ConverterSetup) => Promise<unknown>,
): Promise<ConverterPage> {
  const uiDir = ensureUiBuilt();
  const server: Server = createServer(service);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const developerApiKey = `${name}-key`;
  const emulator = await createEmulator({
    uiDir,
    seed: { appId: converterAppId, appName: 'Tracker', clientSecret: `${name}-secret`, developerApiKey },
  });
  const closeAll = async (browser?: Browser) => {
    await browser?.close();
    await emulator.close();
    server.close();
  };
  try {
    const base = (await emulator.listen(0)).url;
    const call = <T>(path: string, init?: { method?: string; body?: unknown }) =>
      callJson<T>(base, path, init);
    const postCard = (definition: Record<string, unknown>) =>
      call(`/crm/v3/extensions/cards-dev/${converterAppId}?hapikey=${developerApiKey}`, {
        method: 'POST',
        body: definition,
      });
    await call('/_spoke/mode', { method: 'PUT', body: { mode: 'converter' } });
    await configure({ base, origin, call, postCard });
    const contacts = await call<{ results: CrmRecord[] }>('/_spoke/records/contacts?q=Maria');
    const contact = contacts.results[0] as CrmRecord;
    const browser = await launchChromium();
    const { page } = await openTestPage(browser);
    await page.goto(`${base}/#/records/contacts/${contact.id}`);
    return {
      base,
      origin,
      call,
      postCard,
      emulator,
      browser,
      page,
      card: (title) =>
        page.locator('section.crm-card', { has: page.getByRole('heading', { name: title, exact: true }) }),
      close: () => closeAll(browser),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
