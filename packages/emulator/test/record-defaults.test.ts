import type { ActionResult, CrmRecord, Emulator, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, cardBody, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const created = '2026-01-15T10:00:00.000Z';

// A service written from HubSpot's docs: it reads hs_object_id and links to it.
function itemsReply() {
  return {
    results: [
      {
        objectId: 1,
        title: 'Linked',
        link: null,
        actions: [
          {
            type: 'IFRAME',
            width: 600,
            height: 400,
            uri: 'https://service.test/edit',
            label: 'Edit',
            associatedObjectProperties: ['hs_object_id', 'phone'],
          },
          {
            type: 'ACTION_HOOK',
            httpMethod: 'DELETE',
            uri: 'https://service.test/unlink',
            label: 'Unlink',
            associatedObjectProperties: ['hs_object_id', 'hubspot_owner_id'],
          },
        ],
      },
    ],
  };
}

async function setup() {
  const clock = testClock();
  const service = fakeService(() => json(itemsReply()));
  emulator = await testEmulator({ fetch: service.fetch, clock });
  const em = emulator;
  const record = await call<CrmRecord>(em, 'POST', '/_spoke/records/contacts', {
    properties: { email: 'ada@example.com' },
  });
  const body = cardBody();
  const card = await call<CardDefinition>(em, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), {
    ...body,
    fetch: {
      ...body.fetch,
      objectTypes: [
        {
          name: 'contacts',
          propertiesToSend: ['hs_object_id', 'createdate', 'lastmodifieddate', 'hubspot_owner_id', 'email'],
        },
      ],
    },
  });
  return { clock, service, em, record: record.body, card: card.body };
}

describe("records carry HubSpot's default properties", () => {
  test('hs_object_id, createdate and lastmodifieddate on a contact, hs_lastmodifieddate on a deal', async () => {
    const { clock, em, record } = await setup();
    expect(record.properties).toEqual({
      email: 'ada@example.com',
      hs_object_id: record.id,
      createdate: created,
      lastmodifieddate: created,
    });
    clock.advance(60_000);
    const patched = await call<CrmRecord>(em, 'PATCH', `/_spoke/records/contacts/${record.id}`, {
      properties: { hubspot_owner_id: 1, createdate: '1999-01-01T00:00:00.000Z' },
    });
    expect(patched.status).toBe(200);
    // The dates follow the record: a written createdate is not kept, the last change moves.
    expect(patched.body.properties).toMatchObject({
      hs_object_id: record.id,
      createdate: created,
      lastmodifieddate: '2026-01-15T10:01:00.000Z',
      hubspot_owner_id: '1',
    });
    const read = await call<CrmRecord>(em, 'GET', `/_spoke/records/contacts/${record.id}`);
    expect(read.body.properties).toEqual(patched.body.properties);

    const deal = await call<CrmRecord>(em, 'POST', '/_spoke/records/deals', {
      properties: { dealname: 'D' },
    });
    expect(deal.body.properties).toEqual({
      dealname: 'D',
      hs_object_id: deal.body.id,
      createdate: '2026-01-15T10:01:00.000Z',
      hs_lastmodifieddate: '2026-01-15T10:01:00.000Z',
    });
    expect(deal.body.properties).not.toHaveProperty('lastmodifieddate');
  });

  test('refuses an hs_object_id other than the id and an owner that is not an id, with a 400 naming it', async () => {
    const { em, record } = await setup();
    const wrongId = await call<{ message: string }>(em, 'PATCH', `/_spoke/records/contacts/${record.id}`, {
      properties: { hs_object_id: '7' },
    });
    expect(wrongId.status).toBe(400);
    expect(JSON.stringify(wrongId.body)).toContain('hs_object_id');
    const onCreate = await call(em, 'POST', '/_spoke/records/contacts', {
      properties: { hs_object_id: '1' },
    });
    expect(onCreate.status).toBe(400);
    const owner = await call(em, 'PATCH', `/_spoke/records/contacts/${record.id}`, {
      properties: { hubspot_owner_id: 'ada' },
    });
    expect(owner.status).toBe(400);
    expect(JSON.stringify(owner.body)).toContain('hubspot_owner_id');
    // The same value as the id is what every read gives back, so writing it back is fine.
    const same = await call(em, 'PATCH', `/_spoke/records/contacts/${record.id}`, {
      properties: { hs_object_id: record.id },
    });
    expect(same.status).toBe(200);
  });

  test('the data fetch sends them from propertiesToSend and says which it could not send', async () => {
    const { service, em, record } = await setup();
    const opened = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${record.id}/cards`);
    expect(opened.body.cards[0]?.status).toBe('ok');
    // No itemLabel in the reply: "See more" reads the card title, as HubSpot defaults it.
    expect(opened.body.cards[0]?.seeMoreLabel).toBe('See more Issues');
    const query = Object.fromEntries(new URL(service.seen[0]?.url ?? '').searchParams);
    expect(query).toMatchObject({
      hs_object_id: record.id,
      createdate: created,
      lastmodifieddate: created,
      email: 'ada@example.com',
    });
    expect(query).not.toHaveProperty('hubspot_owner_id');
    const notSent = opened.body.exchanges[0]?.verdicts.filter((v) => v.code === 'DISPATCH_PROPERTY_NOT_SENT');
    expect(notSent).toEqual([
      {
        code: 'DISPATCH_PROPERTY_NOT_SENT',
        severity: 'info',
        message: expect.stringMatching(
          /^not sent: the record has no value for hubspot_owner_id \(named in propertiesToSend\)/,
        ),
      },
    ]);
    // An info verdict: the card is still valid.
    expect(opened.body.exchanges[0]?.outcome).toBe('ok');
  });

  test('the IFRAME URL and a DELETE hook carry hs_object_id; the hook says what it left out', async () => {
    const { service, em, record, card } = await setup();
    const opened = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${record.id}/cards`);
    const actions = opened.body.cards[0]?.items[0]?.actions ?? [];
    const iframe = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${record.id}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: actions.find((a) => a.type === 'IFRAME'),
    });
    expect(iframe.body.iframe?.url).toBe(`https://service.test/edit?hs_object_id=${record.id}`);
    expect(iframe.body.message).toBe(
      'not sent: the record has no value for phone (named in associatedObjectProperties).',
    );
    const hook = await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${record.id}/actions`, {
      appId: 1000,
      cardId: card.id,
      action: actions.find((a) => a.type === 'ACTION_HOOK'),
    });
    expect(hook.body.status).toBe('ok');
    const sent = new URL(service.seen.at(-1)?.url ?? '');
    expect(service.seen.at(-1)?.method).toBe('DELETE');
    expect(sent.searchParams.get('hs_object_id')).toBe(record.id);
    expect(
      hook.body.exchange?.verdicts
        .filter((v) => v.code === 'DISPATCH_PROPERTY_NOT_SENT')
        .map((v) => v.message),
    ).toEqual([
      expect.stringContaining('no value for hubspot_owner_id (named in associatedObjectProperties)'),
    ]);
  });

  test('an export imports back; an import whose hs_object_id differs from the id is refused', async () => {
    const { em, record } = await setup();
    const exported = await call<{ records: CrmRecord[] }>(em, 'GET', '/_spoke/state?includeSecrets=true');
    const mine = exported.body.records.find((r) => r.id === record.id);
    expect(mine?.properties.hs_object_id).toBe(record.id);
    expect((await call(em, 'PUT', '/_spoke/state', exported.body)).status).toBe(200);
    const read = await call<CrmRecord>(em, 'GET', `/_spoke/records/contacts/${record.id}`);
    expect(read.body.properties).toEqual(record.properties);

    const tampered = {
      ...exported.body,
      records: exported.body.records.map((r) =>
        r.id === record.id ? { ...r, properties: { ...r.properties, hs_object_id: '9999' } } : r,
      ),
    };
    const refused = await call(em, 'PUT', '/_spoke/state', tampered);
    expect(refused.status).toBe(400);
    const index = exported.body.records.findIndex((r) => r.id === record.id);
    expect(JSON.stringify(refused.body)).toContain(`records.${index}.properties.hs_object_id`);
  });
});
