import { type ActionResult, createEmulator, type Emulator, type OpenRecordResult } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedPublicUrl, startFixedPublicUrl } from './fixed-public-url.ts';
import { startFormHook } from './form-hook.ts';
import { startHealthyV3 } from './healthy-v3.ts';
import { startIframeInResults } from './iframe-in-results.ts';
import { startJsonHook } from './json-hook.ts';
import { startPostOnlyCard } from './post-only-card.ts';
import { startReadsObjectId } from './reads-object-id.ts';
import type { RealService } from './service.ts';
import { startV2Only403 } from './v2-only-403.ts';
import { startVerifiesNothing } from './verifies-nothing.ts';

// The emulator against services written without Spoke, as real apps are: opening a record or
// running an action gives the verdict HubSpot would, and a failure names the status and what the
// service said. The calls go over real sockets to the services.

const secret = 'real-services-emulator-secret';
const developerApiKey = 'real-services-developer-key';
const appId = 1000;

let emulator: Emulator | undefined;
const running: RealService[] = [];

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await Promise.all(running.splice(0).map((service) => service.close()));
});

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  if (!emulator) throw new Error('no emulator');
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await emulator.fetch(new Request(`http://127.0.0.1${path}`, init));
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Setup {
  service: RealService;
  cardId: string;
  recordId: string;
}

/** Starts a service and an emulator with one contacts card whose target is the service. */
async function setup(
  starter: (secret: string) => Promise<RealService>,
  options: { mode?: 'legacy' | 'converter'; propertiesToSend?: string[] } = {},
): Promise<Setup> {
  const service = await starter(secret);
  running.push(service);
  emulator = await createEmulator({
    seed: { clientSecret: secret, developerApiKey },
    ...(options.mode ? { mode: options.mode } : {}),
  });
  const card = await api<{ id: string }>(
    'POST',
    `/crm/v3/extensions/cards-dev/${appId}?hapikey=${developerApiKey}`,
    {
      title: 'Tickets',
      fetch: {
        targetUrl: service.url,
        objectTypes: [{ name: 'contacts', propertiesToSend: options.propertiesToSend ?? ['email'] }],
      },
      // The converter refuses a definition without display properties.
      display: { properties: [{ name: 'priority', label: 'Priority', dataType: 'STRING', options: [] }] },
      actions: { baseUrls: [service.origin] },
    },
  );
  expect(card.status).toBe(201);
  const contacts = await api<{ results: { id: string }[] }>('GET', '/_spoke/records/contacts?q=maria');
  const recordId = contacts.body.results[0]?.id;
  if (!recordId) throw new Error('the seeded contact is missing');
  return { service, cardId: card.body.id, recordId };
}

async function openRecord(recordId: string) {
  const opened = await api<OpenRecordResult>('POST', `/_spoke/records/contacts/${recordId}/cards`);
  expect(opened.status).toBe(200);
  const card = opened.body.cards[0];
  if (!card) throw new Error('no card on the record page');
  return { card, exchange: opened.body.exchanges[0] };
}

async function runHook(at: Setup): Promise<ActionResult> {
  const result = await api<ActionResult>('POST', `/_spoke/records/contacts/${at.recordId}/actions`, {
    appId,
    cardId: at.cardId,
    action: {
      type: 'ACTION_HOOK',
      uri: at.service.url,
      label: 'Create ticket',
      httpMethod: 'POST',
      associatedObjectProperties: ['email'],
    },
  });
  expect(result.status).toBe(200);
  return result.body;
}

describe('the emulator against services written without Spoke', () => {
  test('a careful v3 verifier renders its card', async () => {
    const at = await setup(startHealthyV3);
    const { card } = await openRecord(at.recordId);
    expect(card.error).toBeNull();
    expect(card.status).toBe('ok');
    expect(card.items.map((item) => item.title)).toEqual(['Tickets']);
  });

  test('a v2-only verifier renders its card: the emulator signs v2 as HubSpot does', async () => {
    const at = await setup(startV2Only403);
    const { card } = await openRecord(at.recordId);
    expect(card.status).toBe('ok');
    expect(at.service.received[0]?.headers['x-hubspot-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a service that verifies nothing renders too: only spoke check can tell', async () => {
    const at = await setup(startVerifiesNothing);
    const { card } = await openRecord(at.recordId);
    expect(card.status).toBe('ok');
  });

  test('a POST-only card route fails with 404, and the advice says HubSpot fetches cards with GET', async () => {
    const at = await setup(startPostOnlyCard);
    const { card } = await openRecord(at.recordId);
    expect(card.status).toBe('error');
    expect(card.error?.status).toBe(404);
    expect(card.error?.url).toBe(
      at.service.received[0] ? `${at.service.origin}${at.service.received[0].url}` : '',
    );
    expect(card.error?.hint).toMatch(/GET/);
    expect(card.error?.message.indexOf('404')).toBeLessThan(
      card.error?.message.indexOf(at.service.origin) ?? 0,
    );
  });

  test('an iframe action inside results is refused, and the message names the likely intent', async () => {
    const at = await setup(startIframeInResults);
    const { card, exchange } = await openRecord(at.recordId);
    expect(card.status).toBe('error');
    expect(card.error?.code).toBe('DISPATCH_REPLY_INVALID');
    const said = [card.error?.message ?? '', ...(exchange?.verdicts ?? []).map((v) => v.message)].join('\n');
    expect(said).toMatch(/primaryAction/);
    expect(said).not.toMatch(/expected number, received undefined/);
  });

  test('a service verifying its public URL refuses local signatures, and accepts once the app declares that URL', async () => {
    const at = await setup(startFixedPublicUrl);
    const refused = await openRecord(at.recordId);
    expect(refused.card.status).toBe('error');
    expect(refused.card.error?.status).toBe(401);
    // The service's own reason, from its JSON error body.
    expect(refused.card.error?.reason).toMatch(/signature check failed|SIGNATURE|TIMESTAMP/i);

    const patched = await api('PATCH', `/_spoke/apps/${appId}`, { publicUrl: fixedPublicUrl });
    expect(patched.status).toBe(200);
    const accepted = await openRecord(at.recordId);
    expect(accepted.card.error).toBeNull();
    expect(accepted.card.status).toBe('ok');
    expect(accepted.exchange?.request.signedUrl?.startsWith(`${fixedPublicUrl}/card?`)).toBe(true);
    expect(accepted.exchange?.request.url.startsWith(`${at.service.origin}/card?`)).toBe(true);
  });

  test('a card that reads hs_object_id links the record, as it would in HubSpot', async () => {
    const at = await setup(startReadsObjectId, { propertiesToSend: ['hs_object_id', 'email'] });
    const { card } = await openRecord(at.recordId);
    expect(card.status).toBe('ok');
    expect(card.items.map((item) => item.title)).toEqual([`Linked: record ${at.recordId}`]);
    const query = new URL(`${at.service.origin}${at.service.received[0]?.url}`).searchParams;
    expect(query.get('hs_object_id')).toBe(at.recordId);
  });

  test("a card verifying v3 by HubSpot's docs alone is refused in converter mode, which signs the raw URL (decision 0011)", async () => {
    const at = await setup(startHealthyV3, { mode: 'converter' });
    const { card, exchange } = await openRecord(at.recordId);
    expect(card.status).toBe('error');
    expect(card.error?.status).toBe(401);
    // Every converter URL escapes @ as %40, one of the escapes the docs decode before hashing.
    expect(exchange?.request.url).toContain('%40');
    expect(exchange?.signature.v3UrlForm).toBe('raw');
  });

  test('a hook reading a JSON body works in converter mode and fails, naming its reason, on legacy cards', async () => {
    const converter = await setup(startJsonHook, { mode: 'converter' });
    const ok = await runHook(converter);
    expect(ok.status).toBe('ok');
    expect(ok.exchange?.reply?.body).toContain(`Ticket created for ${converter.recordId}`);
    await emulator?.close();
    emulator = undefined;

    const legacy = await setup(startJsonHook, { mode: 'legacy' });
    const failed = await runHook(legacy);
    expect(failed.status).toBe('error');
    expect(failed.exchange?.error?.status).toBeGreaterThanOrEqual(400);
    expect(failed.exchange?.error?.status).toBeLessThan(500);
    expect(legacy.service.received.at(-1)?.headers['content-type']).toMatch(/x-www-form-urlencoded/);
  });

  test('a hook reading a form body works on legacy cards and fails, naming its reason, in converter mode', async () => {
    const legacy = await setup(startFormHook, { mode: 'legacy' });
    const ok = await runHook(legacy);
    expect(ok.status).toBe('ok');
    await emulator?.close();
    emulator = undefined;

    const converter = await setup(startFormHook, { mode: 'converter' });
    const failed = await runHook(converter);
    expect(failed.status).toBe('error');
    expect(failed.exchange?.error?.status).toBe(400);
    expect(failed.exchange?.error?.reason).toMatch(/associatedObjectId/);
    expect(converter.service.received.at(-1)?.headers['content-type']).toMatch(/json/);
  });
});
