import type { Recipient } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { app, fixedNow, portal } from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, type RecordedCall, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { fetchAllRecipients } from './recipients-paging.ts';
import { dispatchShareViaEvent, shareViaEventUrl } from './share-via.ts';
import { runShareViaFlow } from './share-via-flow.ts';

const targetBase = 'https://service.example.com/share/';
const people: Recipient[] = Array.from({ length: 7 }, (_, i) => ({
  id: `R${i}`,
  name: `Recipient ${i}`,
  type: 1,
}));

function eventOf(call: RecordedCall): string {
  return call.url.split('/').at(-1) ?? '';
}

type Paging = 'cursor' | 'total';

/** A Share Via service: pages recipients by its own cursor or leaves paging to `total`. */
function shareService(options: { paging?: Paging; permitted?: boolean; echoPortal?: number } = {}) {
  return recordingFetch((call) => {
    const request = JSON.parse(call.body) as { payload?: Record<string, unknown> };
    const event = eventOf(call);
    const envelope = { portalId: options.echoPortal ?? portal.id, appId: app.id, eventType: event };
    const payload = request.payload ?? {};
    switch (event) {
      case 'CHECK_PERMISSIONS':
        return jsonResponse({
          ...envelope,
          payload: { hasAllRequiredPermissions: options.permitted ?? true },
        });
      case 'FETCH_RECIPIENTS': {
        const name = (payload.recipientsFilter as { name?: string } | undefined)?.name ?? '';
        const matching = people.filter((p) => p.name.includes(name));
        const limit = Number(payload.limit);
        const cursor = payload.nextPageAfter as string | undefined;
        const start =
          cursor === undefined ? 0 : options.paging === 'cursor' ? Number(cursor.slice(1)) : Number(cursor);
        const results = matching.slice(start, start + limit);
        const recipients: Record<string, unknown> = { total: matching.length, results };
        if (options.paging === 'cursor' && start + limit < matching.length)
          recipients.nextPageAfter = `c${start + limit}`;
        return jsonResponse({ ...envelope, payload: { recipients } });
      }
      case 'FETCH_RECIPIENT':
        return jsonResponse({ ...envelope, payload: { recipient: people.find((p) => p.id === payload.id) } });
      default:
        return jsonResponse({ ...envelope, payload: { recipientUrl: 'https://chat.example.com/m/1' } });
    }
  });
}

function base(service: ReturnType<typeof shareService>) {
  return {
    targetBase,
    app,
    portal,
    transport: createFetchTransport({ fetch: service.fetch }),
    clock: () => fixedNow,
  };
}

describe('dispatchShareViaEvent', () => {
  test('posts {portalId, appId, payload} to the event path and validates the reply', async () => {
    const service = shareService();
    const { exchange, reply } = await dispatchShareViaEvent({
      ...base(service),
      event: 'CHECK_PERMISSIONS',
      payload: { requiredPermissions: ['upload-file'] },
    });
    expect(service.calls[0]?.url).toBe(
      'https://service.example.com/share/feature/SHARE_VIA/event/CHECK_PERMISSIONS',
    );
    expect(JSON.parse(service.calls[0]?.body ?? '')).toEqual({
      portalId: portal.id,
      appId: app.id,
      payload: { requiredPermissions: ['upload-file'] },
    });
    expect(exchange).toMatchObject({ kind: 'share-via.check-permissions', outcome: 'ok' });
    expect(reply?.payload.hasAllRequiredPermissions).toBe(true);
  });

  test('sends the older CHECK_PERMISSIONS shape with requiredPermissions at the top level', async () => {
    const service = shareService();
    await dispatchShareViaEvent({
      ...base(service),
      event: 'CHECK_PERMISSIONS',
      payload: { requiredPermissions: ['upload-file'] },
      shape: 'older',
    });
    expect(JSON.parse(service.calls[0]?.body ?? '')).toEqual({
      portalId: portal.id,
      appId: app.id,
      requiredPermissions: ['upload-file'],
    });
  });

  test('rejects a reply that echoes another portal', async () => {
    const service = shareService({ echoPortal: 1 });
    const { exchange, reply } = await dispatchShareViaEvent({
      ...base(service),
      event: 'FETCH_RECIPIENT',
      payload: { id: 'R1', type: 1 },
    });
    expect(reply).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues[0]?.path).toBe('portalId');
  });

  test("accepts HubSpot's documented FETCH_RECIPIENT example reply (portalId and appId 0) with a warning each", async () => {
    // Verbatim from HubSpot's Share Via page. docs/protocol.md §3.
    const documented = {
      portalId: 0,
      appId: 0,
      eventType: 'FETCH_RECIPIENT',
      payload: { recipient: { id: 'R3', name: 'Recipient Three', type: 0 } },
    };
    const service = recordingFetch(() => jsonResponse(documented));
    const { exchange, reply } = await dispatchShareViaEvent({
      ...base(service),
      event: 'FETCH_RECIPIENT',
      payload: { id: 'R3', type: 0 },
    });
    expect(reply?.payload.recipient).toEqual({ id: 'R3', name: 'Recipient Three', type: 0 });
    expect(exchange.outcome).toBe('ok');
    expect(exchange.error).toBeNull();
    const warnings = exchange.verdicts.filter((verdict) => verdict.severity === 'warning');
    expect(warnings.map((verdict) => [verdict.path, verdict.code])).toEqual([
      ['portalId', 'DISPATCH_REPLY_INVALID'],
      ['appId', 'DISPATCH_REPLY_INVALID'],
    ]);
    expect(warnings[0]?.message).toContain(
      `echoes portalId 0, as HubSpot's example reply does, but the request was for ${portal.id}`,
    );
    expect(exchange.verdicts.map((verdict) => verdict.code)).toContain('REPLY_VALID');
  });

  test('rejects a reply with the wrong eventType', async () => {
    const service = recordingFetch(() =>
      jsonResponse({ portalId: portal.id, appId: app.id, eventType: 'SHARE_OBJECT', payload: {} }),
    );
    const { exchange } = await dispatchShareViaEvent({
      ...base(service),
      event: 'FETCH_RECIPIENT',
      payload: { id: 'R1', type: 1 },
    });
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues.map((issue) => issue.path)).toContain('eventType');
  });

  test('builds the event URL without doubling slashes', () => {
    expect(shareViaEventUrl('https://a.example.com/x///', 'SHARE_OBJECT')).toBe(
      'https://a.example.com/x/feature/SHARE_VIA/event/SHARE_OBJECT',
    );
  });
});

describe('fetchAllRecipients', () => {
  test.each(['cursor', 'total'] as const)('pages by %s until every recipient is listed', async (paging) => {
    const service = shareService({ paging });
    const all = await fetchAllRecipients({ ...base(service), limit: 3 });
    expect(all.complete).toBe(true);
    expect(all.recipients.map((r) => r.id)).toEqual(people.map((p) => p.id));
    expect(all.exchanges).toHaveLength(3);
    const cursors = service.calls.map((call) => JSON.parse(call.body).payload.nextPageAfter);
    expect(cursors).toEqual(paging === 'cursor' ? [undefined, 'c3', 'c6'] : [undefined, '3', '6']);
  });

  test('stops after maxPages and says the list is incomplete', async () => {
    const all = await fetchAllRecipients({
      ...base(shareService({ paging: 'total' })),
      limit: 2,
      maxPages: 2,
    });
    expect(all).toMatchObject({ complete: false, total: 7 });
    expect(all.recipients).toHaveLength(4);
  });

  test('sends the name filter', async () => {
    const service = shareService();
    const all = await fetchAllRecipients({ ...base(service), filter: { type: 1, name: 'ent 4' } });
    expect(all.recipients.map((r) => r.id)).toEqual(['R4']);
    expect(JSON.parse(service.calls[0]?.body ?? '').payload.recipientsFilter).toEqual({
      type: 1,
      name: 'ent 4',
    });
  });
});

describe('runShareViaFlow', () => {
  const flow = {
    sender: { id: 2387654 },
    report: { id: 2334567, name: 'Chat Conversations', screenshotUrl: 'https://x.example.com/s.png' },
  };

  test('runs the four events in order and shows the shared link', async () => {
    const service = shareService();
    const result = await runShareViaFlow({
      ...base(service),
      ...flow,
      message: 'Weekly numbers',
      recipientsFilter: { name: 'ent 2' },
    });
    expect(result.ok).toBe(true);
    expect(service.calls.map(eventOf)).toEqual([
      'CHECK_PERMISSIONS',
      'FETCH_RECIPIENTS',
      'FETCH_RECIPIENT',
      'SHARE_OBJECT',
    ]);
    expect(JSON.parse(service.calls[3]?.body ?? '').payload).toEqual({
      sender: { id: 2387654 },
      recipient: { id: 'R2', name: 'Recipient 2', type: 1 },
      message: 'Weekly numbers',
      objectMetadata: {
        id: 2334567,
        type: 2,
        name: 'Chat Conversations',
        screenshotUrl: 'https://x.example.com/s.png',
      },
    });
    expect(result.steps.at(-1)).toMatchObject({
      event: 'SHARE_OBJECT',
      recipientUrl: 'https://chat.example.com/m/1',
    });
    expect(result.steps.at(-1)?.shows).toContain('https://chat.example.com/m/1');
    expect(result.exchanges).toHaveLength(4);
  });

  test('stops when the app lacks the required permissions', async () => {
    const service = shareService({ permitted: false });
    const result = await runShareViaFlow({ ...base(service), ...flow });
    expect(result).toMatchObject({ ok: false, failedAt: 'CHECK_PERMISSIONS' });
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]?.shows).toContain('missing permissions');
    expect(service.calls).toHaveLength(1);
  });

  test('stops at a step whose service call fails', async () => {
    const service = recordingFetch((call) =>
      eventOf(call) === 'CHECK_PERMISSIONS'
        ? jsonResponse({
            portalId: portal.id,
            appId: app.id,
            eventType: 'CHECK_PERMISSIONS',
            payload: { hasAllRequiredPermissions: true },
          })
        : new Response('down', { status: 503 }),
    );
    const result = await runShareViaFlow({ ...base(service), ...flow });
    expect(result).toMatchObject({ ok: false, failedAt: 'FETCH_RECIPIENTS' });
    expect(result.steps[1]?.shows).toContain('status 503');
  });
});
