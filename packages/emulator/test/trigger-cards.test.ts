import type { ActionResult, Emulator, Exchange, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply, sleep } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function setup(handler: Parameters<typeof fakeService>[0], mode: 'legacy' | 'converter' = 'legacy') {
  const service = fakeService(handler);
  emulator = await testEmulator({ fetch: service.fetch, mode });
  const contacts = await call<{ results: { id: string }[] }>(
    emulator,
    'GET',
    '/_spoke/records/contacts?q=maria',
  );
  const recordId = contacts.body.results[0]?.id ?? '';
  return { service, emulator, recordId };
}

async function addCard(em: Emulator, body: ReturnType<typeof cardBody> & { title?: string }) {
  return (await call<CardDefinition>(em, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), body)).body;
}

describe('open a record: every card for its type', () => {
  test('fetches all cards at once and returns what the record page shows, with each request id', async () => {
    const {
      service,
      emulator: em,
      recordId,
    } = await setup(async (req) => {
      await sleep(300);
      return json(legacyReply(req.url.includes('/a') ? 2 : 1));
    });
    const a = await addCard(em, cardBody('https://service.test/a'));
    const b = await addCard(em, { ...cardBody('https://service.test/b'), title: 'Tasks' });
    await addCard(em, cardBody('https://service.test/deals-only', ['deals']));
    const res = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    expect(res.status).toBe(200);
    expect(service.seen).toHaveLength(2);
    // Both fetches start together: the second does not wait for the first's 300 ms reply.
    expect(Math.abs((service.seen[1]?.at ?? 0) - (service.seen[0]?.at ?? 0))).toBeLessThan(200);
    expect(service.seen.every((r) => r.signatureOk)).toBe(true);
    expect(
      res.body.cards.map((c) => ({ cardId: c.cardId, title: c.title, status: c.status, n: c.items.length })),
    ).toEqual([
      { cardId: a.id, title: 'Issues (2)', status: 'ok', n: 2 },
      { cardId: b.id, title: 'Tasks (1)', status: 'ok', n: 1 },
    ]);
    expect(res.body.cards[0]).toMatchObject({ totalCount: 2, error: null });
    const log = await call<{ results: Exchange[] }>(em, 'GET', '/_spoke/requests');
    expect(res.body.cards.map((c) => c.requestId).sort()).toEqual(log.body.results.map((e) => e.id).sort());
  });

  test('sends the default parameters and the properties the record has', async () => {
    const { service, emulator: em, recordId } = await setup(() => json(legacyReply(0)));
    await addCard(em, cardBody());
    await call(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    const url = new URL(service.seen[0]?.url ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      userId: '1',
      userEmail: 'dev@spoke.local',
      associatedObjectId: recordId,
      associatedObjectType: 'CONTACT',
      portalId: '62515',
      email: 'maria.johnson@acmerobotics.com',
      firstname: 'Maria',
    });
  });

  test('shows a sections-format reply too', async () => {
    const { emulator: em, recordId } = await setup(() =>
      json({
        responseVersion: 'v3',
        totalCount: 1,
        sections: [
          { id: '9', title: 'Ticket 9', tokens: [{ name: 'p', label: 'P', dataType: 'STRING', value: 'x' }] },
        ],
      }),
    );
    await addCard(em, cardBody());
    const res = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    expect(res.body.cards[0]).toMatchObject({
      status: 'ok',
      items: [{ title: 'Ticket 9' }],
      card: { format: 'sections' },
    });
  });

  test('shows an error card for more than five results, with the schema path', async () => {
    const { emulator: em, recordId } = await setup(() => json(legacyReply(6)));
    await addCard(em, cardBody());
    const res = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    const card = res.body.cards[0];
    expect(card).toMatchObject({ status: 'error', items: [], error: { code: 'DISPATCH_REPLY_INVALID' } });
    const exchange = res.body.exchanges[0];
    expect(exchange?.schemaIssues.map((i) => i.path)).toContain('results');
  });

  test('shows an error card when the service fails, and the other cards still render', async () => {
    const { emulator: em, recordId } = await setup((req) =>
      req.url.includes('/bad') ? json({}, 500) : json(legacyReply(1)),
    );
    await addCard(em, cardBody('https://service.test/bad'));
    await addCard(em, cardBody('https://service.test/good'));
    const res = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    expect(res.body.cards.map((c) => c.status)).toEqual(['error', 'ok']);
    expect(res.body.cards[0]?.error?.code).toBe('DISPATCH_STATUS_NOT_OK');
  });

  test('in converter mode adds appId to the fetch and keeps the title static', async () => {
    const { service, emulator: em, recordId } = await setup(() => json(legacyReply(3)), 'converter');
    await addCard(em, cardBody());
    const res = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
    expect(new URL(service.seen[0]?.url ?? '').searchParams.get('appId')).toBe('1000');
    expect(res.body.cards[0]?.title).toBe('Issues');
  });

  test('answers 404 for an unknown record', async () => {
    const { emulator: em } = await setup(() => json(legacyReply(0)));
    expect((await call(em, 'POST', '/_spoke/records/contacts/999999/cards')).status).toBe(404);
  });
});

describe('run an action', () => {
  async function firstCard(
    mode: 'legacy' | 'converter',
    hook: (body: string) => Response = () => json({ message: 'Closed it' }),
  ) {
    const ctx = await setup(
      (req) => (req.url.includes('/close') ? hook(req.body) : json(legacyReply(1))),
      mode,
    );
    const card = await addCard(ctx.emulator, cardBody());
    const opened = await call<OpenRecordResult>(
      ctx.emulator,
      'POST',
      `/_spoke/records/contacts/${ctx.recordId}/cards`,
    );
    const actions = opened.body.cards[0]?.items[0]?.actions ?? [];
    return { ...ctx, card, actions };
  }

  test('legacy mode sends a POST hook as a form body and shows the reply message', async () => {
    const { service, emulator: em, recordId, card, actions } = await firstCard('legacy');
    const hook = actions.find((a) => a.type === 'ACTION_HOOK');
    const res = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: hook,
    });
    expect(res.body).toMatchObject({ type: 'ACTION_HOOK', status: 'ok', message: 'Closed it', iframe: null });
    const sent = service.seen.at(-1);
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(sent?.body).get('firstname')).toBe('Maria');
    expect(sent?.signatureOk).toBe(true);
    expect(res.body.exchange?.kind).toBe('crm-card.action-hook');
  });

  test('converter mode sends the fields in the query and as JSON, and says "<label> succeeded."', async () => {
    const { service, emulator: em, recordId, card, actions } = await firstCard('converter');
    const hook = actions.find((a) => a.type === 'ACTION_HOOK');
    const res = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: hook,
    });
    expect(res.body).toMatchObject({ status: 'ok', message: 'Close succeeded.' });
    const sent = service.seen.at(-1);
    expect(new URL(sent?.url ?? '').searchParams.get('appId')).toBe('1000');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({ firstname: 'Maria', userId: '1' });
  });

  test('shows an error toast for a failing hook', async () => {
    const { emulator: em, recordId, card, actions } = await firstCard('converter', () => json({}, 503));
    const hook = actions.find((a) => a.type === 'ACTION_HOOK');
    const res = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: hook,
    });
    expect(res.body).toMatchObject({ status: 'error', message: 'Error: Action failed with status 503' });
  });

  test('gives the IFRAME URL with the associated properties, without calling the service', async () => {
    const { service, emulator: em, recordId, card, actions } = await firstCard('legacy');
    const before = service.seen.length;
    const iframe = actions.find((a) => a.type === 'IFRAME');
    const res = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: iframe,
    });
    expect(res.body).toMatchObject({
      status: 'ok',
      iframe: {
        url: 'https://service.test/edit?email=maria.johnson@acmerobotics.com',
        width: 600,
        height: 400,
      },
      exchange: null,
    });
    expect(service.seen).toHaveLength(before);
  });

  test('refuses an action outside the card baseUrls without calling', async () => {
    const { service, emulator: em, recordId, card } = await firstCard('legacy');
    const before = service.seen.length;
    const res = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: { type: 'ACTION_HOOK', uri: 'https://evil.test/x', httpMethod: 'GET' },
    });
    expect(res.body).toMatchObject({
      status: 'error',
      exchange: null,
      message: expect.stringContaining('baseUrls'),
    });
    expect(service.seen).toHaveLength(before);
  });

  test('answers 404 for an unknown card and 400 for a malformed action', async () => {
    const { emulator: em, recordId } = await firstCard('legacy');
    const unknown = await call(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: '1',
      action: { type: 'IFRAME', uri: 'https://service.test/x' },
    });
    expect(unknown.status).toBe(404);
    const bad = await call(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: '1',
      action: { type: 'POPUP' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ in: 'action.type' })]),
    });
  });
});
