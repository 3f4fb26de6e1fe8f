import { type CrmRecord, createEmulator, type Emulator } from '@spoke/emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureUiBuilt } from '../../helpers/build-ui.ts';
import { launchChromium, openTestPage } from '../../helpers/chromium.ts';
import { callJson } from './ui-fixture.ts';
import { buildHostileContent, type HostileContent } from './xss-content.ts';
import { XssMonitor } from './xss-hooks.ts';
import { PlacementPlan } from './xss-placements.ts';
import { type HostileService, startHostileService } from './xss-service.ts';

const secret = 'xss-test-secret-0000-1111-2222';
const developerApiKey = 'xss-test-developer-key';
const hostileAppId = 1000;

/** The emulator, the hostile service, Chromium with the XSS hooks, and the records to open. */
export interface XssFixture {
  emulator: Emulator;
  url: string;
  service: HostileService;
  plan: PlacementPlan;
  content: HostileContent;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  monitor: XssMonitor;
  records: { contact: CrmRecord; company: CrmRecord; deal: CrmRecord };
  call<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  close(): Promise<void>;
}

/** Configures the hostile apps the way an integrator would: developer API and control API. */
async function configure(base: string, svc: string, c: HostileContent) {
  const call = <T>(path: string, init?: { method?: string; body?: unknown }) => callJson<T>(base, path, init);
  const dev = (path: string) => `${path}?hapikey=${developerApiKey}`;
  await call(`/_spoke/apps/${hostileAppId}`, { method: 'PATCH', body: { name: c.appName } });
  await call(`/_spoke/apps/${hostileAppId}/share-via`, {
    method: 'PUT',
    body: { targetUrl: `${svc}/share` },
  });
  for (const card of c.cards) {
    await call(dev(`/crm/v3/extensions/cards-dev/${hostileAppId}`), { method: 'POST', body: card.body });
  }
  const calling = (appId: number) => `/crm/v3/extensions/calling/${appId}/settings`;
  await call(dev(calling(hostileAppId)), {
    method: 'POST',
    body: { name: c.callingName, url: `${svc}/dialer` },
  });
  await call(dev(`${calling(hostileAppId)}/channel-connection`), {
    method: 'POST',
    body: { url: `${svc}/numbers`, isReady: true },
  });
  const denied = await call<{ id: number }>('/_spoke/apps', {
    method: 'POST',
    body: { name: c.deniedAppName, clientSecrets: [secret], developerApiKey },
  });
  await call(`/_spoke/apps/${denied.id}/share-via`, {
    method: 'PUT',
    body: { targetUrl: `${svc}/share-denied` },
  });
  const broken = await call<{ id: number }>('/_spoke/apps', {
    method: 'POST',
    body: { name: 'Broken Dialer', clientSecrets: [secret], developerApiKey },
  });
  await call(dev(calling(broken.id)), {
    method: 'POST',
    body: { name: c.brokenCallingName, url: `${svc}/dialer` },
  });
  await call(dev(`${calling(broken.id)}/channel-connection`), {
    method: 'POST',
    body: { url: `${svc}/numbers-bad`, isReady: true },
  });
  const record = (type: string, properties: Record<string, string>) =>
    call<CrmRecord>(`/_spoke/records/${type}`, { method: 'POST', body: { properties } });
  return {
    contact: await record('contacts', c.contact),
    company: await record('companies', { name: 'Frames Inc' }),
    deal: await record('deals', { dealname: 'Converter deal' }),
  };
}

/**
 * Starts the hostile service and an emulator serving the UI, configures the hostile apps and
 * records, and opens Chromium with the XSS hooks installed in every frame.
 */
export async function startXssFixture(): Promise<XssFixture> {
  const uiDir = ensureUiBuilt();
  const service = await startHostileService();
  const emulator = await createEmulator({
    uiDir,
    seed: { appId: hostileAppId, appName: 'placeholder', clientSecret: secret, developerApiKey },
  });
  const { url } = await emulator.listen(0);
  let browser: Browser | null = null;
  try {
    const plan = new PlacementPlan();
    const content = buildHostileContent(plan, service.url, url);
    service.content = content;
    const records = await configure(url, service.url, content);
    browser = await launchChromium();
    // The corpus measures the UI's escaping itself: the Content-Security-Policy would block an
    // injected script and hide a regression (and it forbids the string predicates used here).
    // tests/ui/who-is-asking.test.ts checks the UI under its CSP.
    const { context, page } = await openTestPage(browser, { bypassCSP: true });
    const monitor = await XssMonitor.install(context, new URL(url).origin);
    const opened = browser;
    return {
      emulator,
      url,
      service,
      plan,
      content,
      browser: opened,
      context,
      page,
      monitor,
      records,
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
