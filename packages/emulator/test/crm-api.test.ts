import { Client } from '@hubspot/api-client';
import type { Emulator } from '@spoke/emulator';
import { crmObjectSchema, crmSearchPageSchema, hubspotErrorSchema } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from './helpers/client-refusal.ts';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { installThroughOauth } from './helpers/oauth-install.ts';
import { call, cardBody, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

// HubSpot's CRM objects API v3 as an installed app calls it back: the official client with
// `basePath` set to the emulator and the access token of the OAuth flow. docs/emulator.md "CRM API".

const everyScope = ['contacts', 'companies', 'deals', 'tickets']
  .flatMap((type) => [`crm.objects.${type}.read`, `crm.objects.${type}.write`])
  .join(' ');

const clock = testClock();
const service = fakeService(() => json(legacyReply(1)), 'secret-abc', clock);
let emulator: Emulator;
let basePath = '';
let accessToken = '';
let client: Client;
let contactId = '';

/** A raw call to the CRM API with `token` (none: no Authorization header). */
function raw(method: string, path: string, token: string | null, body?: unknown) {
  return fetch(`${basePath}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  emulator = await testEmulator({ clock, fetch: service.fetch });
  basePath = (await emulator.listen(0, '127.0.0.1')).url;
  ({ accessToken } = await installThroughOauth(emulator, everyScope));
  client = new Client({ accessToken, basePath, numberOfApiCallRetries: 0 });
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  contactId = contacts.body.results[0]?.id ?? '';
});
afterAll(() => emulator.close());

describe('reading and writing contacts through the official client', () => {
  test('getById answers HubSpot SimplePublicObject with the default contact properties', async () => {
    const contact = await client.crm.contacts.basicApi.getById(contactId);
    expect(contact.id).toBe(contactId);
    expect(contact.createdAt).toBeInstanceOf(Date);
    expect(contact.archived).toBe(false);
    expect(Object.keys(contact.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
    expect(contact.properties).toMatchObject({
      hs_object_id: contactId,
      firstname: 'Maria',
      email: 'maria.johnson@acmerobotics.com',
    });
    const body = await (await raw('GET', `/crm/v3/objects/contacts/${contactId}`, accessToken)).json();
    expect(crmObjectSchema.parse(body)).toMatchObject({ id: contactId, archived: false });
  });

  test('properties names what comes back, null where the record has no value', async () => {
    const contact = await client.crm.contacts.basicApi.getById(contactId, ['jobtitle', 'fax']);
    expect(contact.properties).toEqual({
      createdate: expect.any(String),
      hs_object_id: contactId,
      lastmodifieddate: expect.any(String),
      jobtitle: 'Head of Operations',
      fax: null,
    });
    const comma = await raw(
      'GET',
      `/crm/v3/objects/contacts/${contactId}?properties=jobtitle,phone`,
      accessToken,
    );
    expect(((await comma.json()) as { properties: object }).properties).toMatchObject({
      jobtitle: 'Head of Operations',
      phone: '+16175550101',
    });
  });

  test('idProperty looks a contact up by its email', async () => {
    const contact = await client.crm.contacts.basicApi.getById(
      'MARIA.johnson@acmerobotics.com',
      undefined,
      undefined,
      undefined,
      false,
      'email',
    );
    expect(contact.id).toBe(contactId);
  });

  test('update writes the properties, and the control API and the record page see them', async () => {
    clock.advance(60_000);
    const updated = await client.crm.contacts.basicApi.update(contactId, {
      properties: { open_issues: '3', jobtitle: 'COO' },
    });
    expect(updated.properties).toMatchObject({ open_issues: '3', jobtitle: 'COO', hs_object_id: contactId });
    expect(updated.updatedAt.toISOString()).toBe(new Date(clock()).toISOString());
    expect(updated.properties.lastmodifieddate).toBe(new Date(clock()).toISOString());

    const stored = await call<{ properties: Record<string, string> }>(
      emulator,
      'GET',
      `/_spoke/records/contacts/${contactId}`,
    );
    expect(stored.body.properties).toMatchObject({ open_issues: '3', jobtitle: 'COO', firstname: 'Maria' });
    const page = await call<{ record: { properties: Record<string, string> } }>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${contactId}/cards`,
      {},
    );
    expect(page.body.record.properties.open_issues).toBe('3');
  });

  test('the next card fetch sends the value written through the API', async () => {
    const card = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    expect(card.status).toBe(201);
    await client.crm.contacts.basicApi.update(contactId, { properties: { firstname: 'Mariana' } });
    const before = service.seen.length;
    const page = await call<{ cards: { status: string }[] }>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${contactId}/cards`,
      {},
    );
    expect(page.body.cards.map((c) => c.status)).toEqual(['ok']);
    const fetched = service.seen.slice(before).map((seen) => new URL(seen.url));
    expect(fetched.map((url) => url.searchParams.get('firstname'))).toEqual(['Mariana']);
  });

  test('update takes idProperty too; an email no contact has is a 404', async () => {
    const updated = await client.crm.contacts.basicApi.update(
      'bh@globex.io',
      { properties: { open_issues: '1' } },
      'email',
    );
    expect(updated.properties.open_issues).toBe('1');
    expect(updated.id).not.toBe(contactId);
    const { code, body } = await refusal(
      client.crm.contacts.basicApi.update('nobody@globex.io', { properties: { a: '1' } }, 'email'),
    );
    expect(code).toBe(404);
    expect(body.message).toContain('with email "nobody@globex.io"');
  });

  test('an empty string clears a property, as in HubSpot', async () => {
    await client.crm.contacts.basicApi.update(contactId, { properties: { fax: '1', jobtitle: '' } });
    const contact = await client.crm.contacts.basicApi.getById(contactId, ['jobtitle', 'fax']);
    expect(contact.properties).toMatchObject({ jobtitle: null, fax: '1' });
  });

  test('an unknown id is a 404 OBJECT_NOT_FOUND in HubSpot shape', async () => {
    const { code, body } = await refusal(client.crm.contacts.basicApi.getById('999999'));
    expect(code).toBe(404);
    expect(hubspotErrorSchema.parse(body)).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
    expect(body).toMatchObject({ code: 'CRM_OBJECT_NOT_FOUND' });
    // A company's id is not a contact.
    const companies = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/companies');
    const companyId = companies.body.results[0]?.id ?? '';
    expect((await refusal(client.crm.contacts.basicApi.getById(companyId))).code).toBe(404);
  });
});

describe('who may call', () => {
  test('no Authorization header is a 401 in HubSpot shape', async () => {
    const answer = await raw('GET', `/crm/v3/objects/contacts/${contactId}`, null);
    expect(answer.status).toBe(401);
    const body = await answer.json();
    expect(hubspotErrorSchema.parse(body)).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    expect(body).toMatchObject({ code: 'CRM_TOKEN_MISSING' });
    expect((body as { message: string }).message).toContain('Authentication credentials not found.');
  });

  test('a token the emulator never issued, or a developer API key, is a 401', async () => {
    const unknown = await raw('GET', `/crm/v3/objects/contacts/${contactId}`, 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({
      code: 'CRM_TOKEN_INVALID',
      category: 'INVALID_AUTHENTICATION',
    });
    const developerKey = await raw('GET', `/crm/v3/objects/contacts/${contactId}`, 'dev-key-123');
    expect(developerKey.status).toBe(401);
    expect(((await developerKey.json()) as { message: string }).message).toContain('developer API key');
  });

  test('an expired token is a 401 EXPIRED_AUTHENTICATION saying how long ago, on the emulator clock', async () => {
    const fresh = await installThroughOauth(emulator, everyScope);
    clock.advance(31 * 60_000);
    try {
      const { code, body } = await refusal(
        new Client({
          accessToken: fresh.accessToken,
          basePath,
          numberOfApiCallRetries: 0,
        }).crm.contacts.basicApi.getById(contactId),
      );
      expect(code).toBe(401);
      expect(body).toMatchObject({ category: 'EXPIRED_AUTHENTICATION', code: 'CRM_TOKEN_EXPIRED' });
      expect(body.message).toContain('The OAuth token used to make this call expired 1 minute(s) ago.');
    } finally {
      clock.advance(-31 * 60_000);
    }
  });

  test('an install without the write scope reads but may not write: 403 MISSING_SCOPES naming it', async () => {
    const readOnly = await installThroughOauth(emulator, 'crm.objects.contacts.read');
    try {
      const reader = new Client({ accessToken: readOnly.accessToken, basePath, numberOfApiCallRetries: 0 });
      expect((await reader.crm.contacts.basicApi.getById(contactId)).id).toBe(contactId);
      const { code, body } = await refusal(
        reader.crm.contacts.basicApi.update(contactId, { properties: { firstname: 'X' } }),
      );
      expect(code).toBe(403);
      expect(hubspotErrorSchema.parse(body)).toMatchObject({
        category: 'MISSING_SCOPES',
        errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
        links: { scopes: 'https://developers.hubspot.com/scopes' },
      });
      expect(body).toMatchObject({ code: 'CRM_MISSING_SCOPES' });
      expect((await refusal(reader.crm.deals.basicApi.getPage())).code).toBe(403);
    } finally {
      await installThroughOauth(emulator, everyScope);
    }
  });

  test('tickets take the granular scope or HubSpot older tickets scope', async () => {
    await call(emulator, 'PATCH', '/_spoke/apps/1000', { scopes: [...everyScope.split(' '), 'tickets'] });
    const legacy = await installThroughOauth(emulator, 'tickets');
    try {
      const tickets = new Client({ accessToken: legacy.accessToken, basePath, numberOfApiCallRetries: 0 });
      expect((await tickets.crm.tickets.basicApi.getPage()).results.length).toBeGreaterThan(0);
      const { body } = await refusal(tickets.crm.contacts.basicApi.getPage());
      expect(body).toMatchObject({
        errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
      });
    } finally {
      await installThroughOauth(emulator, everyScope);
    }
  });
});

describe('every object type: create, get, list, update, search, archive', () => {
  const cases = [
    {
      type: 'contacts',
      api: () => client.crm.contacts,
      properties: { email: 'new@spoke.test', firstname: 'New' },
    },
    {
      type: 'companies',
      api: () => client.crm.companies,
      properties: { name: 'Newco', domain: 'newco.test' },
    },
    { type: 'deals', api: () => client.crm.deals, properties: { dealname: 'New deal', amount: '1200' } },
    {
      type: 'tickets',
      api: () => client.crm.tickets,
      properties: { subject: 'New ticket', hs_pipeline_stage: '1' },
    },
  ] as const;

  test.each(cases)('$type', async ({ type, api, properties }) => {
    const { basicApi, searchApi } = api() as typeof client.crm.contacts;
    const created = await basicApi.create({ properties, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties).toMatchObject({ ...properties, hs_object_id: created.id });

    expect((await basicApi.getById(created.id, Object.keys(properties))).properties).toMatchObject(
      properties,
    );
    const listed = await basicApi.getPage(100);
    expect(listed.results.map((r) => r.id)).toContain(created.id);

    const [name] = Object.keys(properties);
    const updated = await basicApi.update(created.id, { properties: { [name as string]: 'Renamed' } });
    expect(updated.properties[name as string]).toBe('Renamed');

    const found = await searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: name as string, operator: 'EQ' as never, value: 'renamed' }] },
      ],
      properties: [name as string],
      limit: 10,
    } as never);
    expect(found.total).toBe(1);
    expect(found.results.map((r) => r.id)).toEqual([created.id]);

    await basicApi.archive(created.id);
    expect((await refusal(basicApi.getById(created.id))).code).toBe(404);
    expect((await basicApi.getPage(100)).results.map((r) => r.id)).not.toContain(created.id);
    const gone = await call(emulator, 'GET', `/_spoke/records/${type}/${created.id}`);
    expect(gone.status).toBe(404);
    expect(String((gone.body as { message: string }).message)).toContain('archived');
    // HubSpot keeps archived records: archived=true reads and lists them.
    const archived = await basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const archivedPage = await basicApi.getPage(100, undefined, undefined, undefined, undefined, true);
    expect(archivedPage.results.map((r) => [r.id, r.archived])).toContainEqual([created.id, true]);
    expect(archivedPage.results.every((r) => r.archived)).toBe(true);
    expect((await refusal(basicApi.archive(created.id))).code).toBe(404);
    // The control API deletes it for good.
    expect((await call(emulator, 'DELETE', `/_spoke/records/${type}/${created.id}`)).status).toBe(204);
    expect((await refusal(basicApi.getById(created.id, undefined, undefined, undefined, true))).code).toBe(
      404,
    );
  });

  test("HubSpot's object type ids name the same objects", async () => {
    const answer = await raw('GET', `/crm/v3/objects/0-1/${contactId}`, accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: contactId });
    const unknown = await raw('GET', '/crm/v3/objects/notes', accessToken);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: 'CRM_OBJECT_TYPE_UNSUPPORTED',
      category: 'VALIDATION_ERROR',
    });
  });

  test('associations on a create are not kept, and a Warning header says so', async () => {
    const answer = await raw('POST', '/crm/v3/objects/companies', accessToken, {
      properties: { name: 'Linked Co' },
      associations: [
        {
          to: { id: contactId },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 }],
        },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('warning')).toContain('associations: the emulator keeps no associations');
  });

  test('a second contact with the same email is a 409 naming the first', async () => {
    const { code, body } = await refusal(
      client.crm.contacts.basicApi.create({ properties: { email: 'bh@globex.io' }, associations: [] }),
    );
    expect(code).toBe(409);
    expect(body.message).toContain('Contact already exists. Existing ID:');
  });
});

describe('paging and search', () => {
  test('getPage pages with limit and after until there is no next page', async () => {
    const all = (await client.crm.companies.basicApi.getPage(100)).results.map((r) => r.id);
    expect(all.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await client.crm.companies.basicApi.getPage(2, after);
      expect(page.results.length).toBeLessThanOrEqual(2);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      if (after === undefined) break;
      expect(page.paging?.next?.link).toContain(`after=${after}`);
    }
    expect(seen).toEqual(all);
    const tooMany = await raw('GET', '/crm/v3/objects/companies?limit=101', accessToken);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
  });

  test('filter groups are ORed, the filters of a group ANDed; sorts and paging as HubSpot does', async () => {
    const body = {
      filterGroups: [
        { filters: [{ propertyName: 'city', operator: 'EQ', value: 'boston' }] },
        {
          filters: [
            { propertyName: 'domain', operator: 'CONTAINS_TOKEN', value: '*.io' },
            { propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' },
          ],
        },
      ],
      sorts: [{ propertyName: 'name', direction: 'DESCENDING' }],
      properties: ['name'],
      limit: 1,
    };
    const first = crmSearchPageSchema.parse(
      await (await raw('POST', '/crm/v3/objects/companies/search', accessToken, body)).json(),
    );
    expect(first.total).toBe(2);
    expect(first.results.map((r) => r.properties.name)).toEqual(['Globex Logistics']);
    expect(first.paging?.next.after).toBe('1');
    const second = await client.crm.companies.searchApi.doSearch({ ...body, after: '1' } as never);
    expect(second.results.map((r) => r.properties.name)).toEqual(['Acme Robotics']);
    expect(second.paging).toBeUndefined();
  });

  test('query searches the default searchable properties; numbers compare as numbers', async () => {
    const byQuery = await client.crm.contacts.searchApi.doSearch({ query: 'HALLIGAN', limit: 10 } as never);
    expect(byQuery.results.map((r) => r.properties.email)).toEqual(['bh@globex.io']);
    const deals = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'GTE', value: '10000' }] }],
      properties: ['amount'],
    } as never);
    for (const deal of deals.results) expect(Number(deal.properties.amount)).toBeGreaterThanOrEqual(10000);
    const all = await client.crm.deals.searchApi.doSearch({ limit: 100, properties: ['amount'] } as never);
    expect(deals.total).toBe(all.results.filter((d) => Number(d.properties.amount) >= 10000).length);
  });

  test.each([
    [
      'an unknown operator',
      { filterGroups: [{ filters: [{ propertyName: 'a', operator: 'LIKE', value: 'x' }] }] },
      'filterGroups.0.filters.0.operator',
    ],
    [
      'EQ without a value',
      { filterGroups: [{ filters: [{ propertyName: 'a', operator: 'EQ' }] }] },
      'filterGroups.0.filters.0.value',
    ],
    [
      'six filter groups',
      { filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) },
      'filterGroups',
    ],
    ['a limit over 200', { limit: 201 }, 'limit'],
  ])('%s is a 400 VALIDATION_ERROR naming the field', async (_name, body, where) => {
    const answer = await raw('POST', '/crm/v3/objects/contacts/search', accessToken, body);
    expect(answer.status).toBe(400);
    const error = hubspotErrorSchema.parse(await answer.json());
    expect(error.category).toBe('VALIDATION_ERROR');
    expect(error.errors?.map((e) => e.in)).toContain(where);
  });
});
