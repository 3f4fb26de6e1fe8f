import type { ActionResult, Emulator, Exchange, OpenRecordResult } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

// hubspot.fetch retries once after a 5xx or a failed connection, so in converter mode a POST hook
// answering 503 once reaches the service twice. docs/migration.md
describe('converter mode: a hook answering 503 once, through the control API', () => {
  test('is called twice; the action succeeds; the request log keeps both attempts, linked', async () => {
    let hookCalls = 0;
    const service = fakeService((req) => {
      if (!req.url.includes('/close')) return json(legacyReply(1));
      hookCalls++;
      return hookCalls === 1 ? new Response('deploying', { status: 503 }) : json({ message: 'Closed' });
    });
    emulator = await testEmulator({ fetch: service.fetch, mode: 'converter' });
    const contacts = await call<{ results: { id: string }[] }>(
      emulator,
      'GET',
      '/_spoke/records/contacts?q=maria',
    );
    const recordId = contacts.body.results[0]?.id ?? '';
    const card = await call<{ id: string }>(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody('https://service.test/card'),
    );
    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    const hook = opened.body.cards[0]?.items[0]?.actions?.find((a) => a.type === 'ACTION_HOOK');
    expect(hook?.httpMethod).toBe('POST');

    const result = await call<ActionResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/actions`,
      {
        appId: 1000,
        cardId: card.body.id,
        action: hook,
      },
    );
    expect(hookCalls).toBe(2);
    expect(result.body.status).toBe('ok');
    expect(result.body.exchange?.reply?.status).toBe(200);

    const log = await call<{ results: Exchange[] }>(emulator, 'GET', '/_spoke/requests');
    const hooks = log.body.results.filter((exchange) => exchange.kind === 'crm-card.action-hook');
    expect(hooks).toHaveLength(2);
    const first = hooks.find((exchange) => exchange.reply?.status === 503);
    const retry = hooks.find((exchange) => exchange.reply?.status === 200);
    expect(retry?.id).toBe(result.body.exchange?.id);
    expect(retry?.retryOf).toBe(first?.id);
    expect(first?.context.cardId).toBe(card.body.id);
    const warning = retry?.verdicts.find((verdict) => verdict.code === 'DISPATCH_RETRIED');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('This POST has now reached the service twice');
  });
});
