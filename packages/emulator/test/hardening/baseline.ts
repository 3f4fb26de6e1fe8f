import { createHash } from 'node:crypto';
import type { Emulator } from '@spoke/emulator';
import { fakeService, json, legacyReply } from '../helpers/fake-service.ts';
import { installThroughOauth, testRedirectUri } from '../helpers/oauth-install.ts';
import { shareViaHandler } from '../helpers/share-via-service.ts';
import { call, cardBody, withKey } from '../helpers/test-emulator.ts';
import type { Fixture } from './endpoints.ts';

/** A service that answers every call the emulator makes: cards, action hooks, Share Via, numbers. */
export function corpusService() {
  const share = shareViaHandler();
  return fakeService((req) => {
    if (req.url.startsWith('https://share.test')) return share(req);
    if (req.url.startsWith('https://desk.test'))
      return json({ phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Line' }] });
    if (req.url.startsWith('https://service.test/cards')) return json(legacyReply(2));
    return json({ message: 'done' });
  });
}

async function ok<T = Record<string, unknown>>(
  emulator: Emulator,
  method: string,
  path: string,
  body?: Record<string, unknown>,
) {
  const res = await call<T>(emulator, method, path, body);
  if (res.status >= 300)
    throw new Error(`baseline ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Writes one of everything the routes act on (card, settings, second app, spare portal, recurring
 * share, logged requests, connected number, fault) and returns their ids plus the exported state.
 */
export async function buildBaseline(emulator: Emulator): Promise<Fixture> {
  const card = await ok<{ id: string }>(
    emulator,
    'POST',
    withKey('/crm/v3/extensions/cards-dev/1000'),
    cardBody(),
  );
  await ok(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings'), {
    name: 'Dialer',
    url: 'https://d.test',
  });
  await ok(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection'), {
    url: 'https://desk.test/numbers',
    isReady: true,
  });
  const bare = await ok<{ id: number }>(emulator, 'POST', '/_spoke/apps', { name: 'Bare app' });
  const spare = await ok<{ id: number }>(emulator, 'POST', '/_spoke/portals', {
    name: 'Spare',
    domain: 'spare.test',
  });
  await ok(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });
  const flow = await ok<{ share: { id: string } }>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
    frequency: 'weekly',
  });
  const connection = await ok<{ id: string }>(
    emulator,
    'POST',
    '/_spoke/apps/1000/channel-connection/connect',
    {
      e164PhoneNumber: '+18001231234',
    },
  );
  const fault = await ok<{ id: string }>(emulator, 'POST', '/_spoke/faults', {
    target: 'https://nowhere.test',
    latencyMs: 5,
  });
  const contacts = await ok<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  const requests = await ok<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/requests');
  // An OAuth install of app 1000: a redirect URL, the consent, the code exchanged for tokens.
  const oauth = await installThroughOauth(emulator);
  const state = await ok(emulator, 'GET', '/_spoke/state?includeSecrets=true');
  const [contact] = contacts.results;
  const [exchange] = requests.results;
  if (!contact || !exchange) throw new Error('baseline: no contact or no logged request');
  return {
    appId: '1000',
    bareAppId: String(bare.id),
    cardId: card.id,
    contactId: contact.id,
    portalId: String(emulator.identity.portal?.id),
    sparePortalId: String(spare.id),
    userId: String(emulator.identity.user?.id),
    shareId: flow.share.id,
    exchangeId: exchange.id,
    connectionId: connection.id,
    faultId: fault.id,
    clientId: oauth.clientId,
    redirectUri: testRedirectUri,
    accessToken: oauth.accessToken,
    refreshToken: oauth.refreshToken,
    state,
  };
}

/**
 * A cheap fingerprint of everything the store holds: a hash of the export without its
 * `exportedAt`. Equal fingerprints mean byte-equal state, the request log's exchanges included.
 * The apps' API calls it also logs (`direction: 'inbound'`) are left out: every request to `/crm/`
 * and `/oauth/v1/`, refused or not, adds one, as a server's access log grows with each request.
 */
export async function storeFingerprint(emulator: Emulator): Promise<string> {
  const state = await emulator.store.exportState('');
  const exchanges = state.exchanges.filter((entry) => entry.direction !== 'inbound');
  return createHash('sha256')
    .update(JSON.stringify({ ...state, exchanges }))
    .digest('hex');
}
