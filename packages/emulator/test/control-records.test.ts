import type { App, CrmRecord, Emulator, Portal, User } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, testEmulator, testKeys } from './helpers/test-emulator.ts';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await testEmulator();
});
afterEach(() => emulator.close());

type List<T> = { results: T[] };

describe('control API: health, seed, apps, portals, users', () => {
  test('GET /_spoke/health answers {"ok":true}', async () => {
    const res = await call(emulator, 'GET', '/_spoke/health');
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  test('a fresh store is seeded with portal 62515, user 1, app 1000 with every object scope, and records', async () => {
    expect((await call<List<Portal>>(emulator, 'GET', '/_spoke/portals')).body.results).toEqual([
      { id: 62515, name: expect.any(String), domain: expect.any(String) },
    ]);
    expect((await call<List<User>>(emulator, 'GET', '/_spoke/users')).body.results[0]).toMatchObject({
      id: 1,
      portalId: 62515,
      email: 'dev@spoke.local',
    });
    const app = (await call<App>(emulator, 'GET', '/_spoke/apps/1000')).body;
    expect(app).toMatchObject({
      id: 1000,
      clientSecrets: [testKeys.clientSecret],
      developerApiKey: testKeys.developerApiKey,
    });
    expect(app.scopes).toEqual(
      expect.arrayContaining([
        'crm.objects.contacts.read',
        'crm.objects.tickets.write',
        'crm.objects.deals.write',
      ]),
    );
    for (const type of ['contacts', 'companies', 'deals', 'tickets']) {
      expect(
        (await call<List<CrmRecord>>(emulator, 'GET', `/_spoke/records/${type}`)).body.results.length,
      ).toBeGreaterThan(2);
    }
    const contact = (await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/contacts')).body
      .results[0];
    expect(Object.keys(contact?.properties ?? {})).toEqual(
      expect.arrayContaining(['firstname', 'lastname', 'email', 'phone', 'company']),
    );
  });

  test('seed options override ids and keys', async () => {
    const other = await testEmulator({
      seed: { appId: 77, portalId: 88, developerApiKey: 'k', clientSecret: 's', records: false },
    });
    expect(other.identity).toMatchObject({
      app: { id: 77, developerApiKey: 'k', clientSecrets: ['s'] },
      portal: { id: 88 },
    });
    expect((await call<List<CrmRecord>>(other, 'GET', '/_spoke/records/contacts')).body.results).toEqual([]);
    await other.close();
  });

  test('on an existing store, seed keys replace the stored ones and a new app id is added', async () => {
    const { store } = emulator;
    const again = await testEmulator({
      store,
      seed: { appId: 1000, developerApiKey: 'rotated', clientSecret: 'new-secret' },
    });
    expect(again.identity.app).toMatchObject({
      id: 1000,
      developerApiKey: 'rotated',
      clientSecrets: ['new-secret'],
    });
    await again.close();
    const added = await testEmulator({ store, seed: { appId: 3000 } });
    expect(added.identity.app).toMatchObject({ id: 3000, developerApiKey: 'rotated' });
    expect((await store.apps.list()).map((a) => a.id)).toEqual([1000, 3000]);
    expect(await store.portals.count()).toBe(1);
    await added.close();
  });

  test('creates, patches and deletes an app with generated secrets', async () => {
    const created = await call<App>(emulator, 'POST', '/_spoke/apps', { name: 'Second app', scopes: [] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 1001, name: 'Second app', shareViaTargetUrl: null });
    expect(created.body.clientSecrets).toHaveLength(1);
    expect(created.body.developerApiKey).toBe(testKeys.developerApiKey);
    const patched = await call<App>(emulator, 'PATCH', '/_spoke/apps/1001', {
      clientSecrets: ['new', 'old'],
    });
    expect(patched.body.clientSecrets).toEqual(['new', 'old']);
    expect((await call(emulator, 'POST', '/_spoke/apps', { id: 1001, name: 'dup' })).status).toBe(409);
    expect((await call(emulator, 'DELETE', '/_spoke/apps/1001')).status).toBe(204);
    expect((await call(emulator, 'GET', '/_spoke/apps/1001')).status).toBe(404);
  });

  test('deleting an app deletes its cards and settings in one go', async () => {
    await call(
      emulator,
      'POST',
      '/crm/v3/extensions/calling/1000/settings/channel-connection?hapikey=dev-key-123',
      {
        url: 'https://desk.test/n',
        isReady: true,
      },
    );
    await call(emulator, 'POST', '/_spoke/apps', { id: 2000, name: 'keeper' });
    expect((await call(emulator, 'DELETE', '/_spoke/apps/1000')).status).toBe(204);
    expect(await emulator.store.channelConnectionSettings.count()).toBe(0);
    expect(
      (await call(emulator, 'GET', '/crm/v3/extensions/cards-dev/2000?hapikey=dev-key-123')).status,
    ).toBe(200);
  });

  test('manages portals and users', async () => {
    const portal = await call<Portal>(emulator, 'POST', '/_spoke/portals', {
      name: 'Second',
      domain: 'second.test',
    });
    expect(portal.status).toBe(201);
    const user = await call<User>(emulator, 'POST', '/_spoke/users', {
      portalId: portal.body.id,
      email: 'x@second.test',
      firstName: 'X',
      lastName: 'Y',
    });
    expect(user.status).toBe(201);
    expect((await call(emulator, 'DELETE', `/_spoke/portals/${portal.body.id}`)).status).toBe(409);
    expect(
      (await call<User>(emulator, 'PATCH', `/_spoke/users/${user.body.id}`, { firstName: 'Z' })).body
        .firstName,
    ).toBe('Z');
    expect(
      (
        await call(emulator, 'POST', '/_spoke/users', {
          portalId: 4,
          email: 'a@b.c',
          firstName: '',
          lastName: '',
        })
      ).status,
    ).toBe(404);
    expect((await call(emulator, 'DELETE', `/_spoke/users/${user.body.id}`)).status).toBe(204);
    expect((await call(emulator, 'DELETE', `/_spoke/portals/${portal.body.id}`)).status).toBe(204);
  });

  test('switches the platform mode and keeps it', async () => {
    expect((await call(emulator, 'GET', '/_spoke/mode')).body).toEqual({ mode: 'legacy' });
    expect((await call(emulator, 'PUT', '/_spoke/mode', { mode: 'converter' })).body).toEqual({
      mode: 'converter',
    });
    expect((await call(emulator, 'GET', '/_spoke/mode')).body).toEqual({ mode: 'converter' });
    expect((await call(emulator, 'PUT', '/_spoke/mode', { mode: 'modern' })).status).toBe(400);
  });

  test('serves an index page at / until a UI build exists', async () => {
    const response = await emulator.fetch(new Request('http://emulator.test/'));
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('/_spoke/health');
  });
});

describe('control API: CRM records', () => {
  test('creates a record (201 with id, objectType, properties) and reads it back', async () => {
    const created = await call<CrmRecord>(emulator, 'POST', '/_spoke/records/deals', {
      properties: { dealname: 'Big one', amount: 1000, closed: false },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      objectType: 'deals',
      properties: { dealname: 'Big one', amount: '1000', closed: 'false' },
    });
    const got = await call(emulator, 'GET', `/_spoke/records/deals/${created.body.id}`);
    expect(got.body).toEqual(created.body);
  });

  test('patches properties (null removes one) and deletes', async () => {
    const { body } = await call<CrmRecord>(emulator, 'POST', '/_spoke/records/tickets', {
      properties: { subject: 'Printer', hs_pipeline_stage: '1' },
    });
    const patched = await call<CrmRecord>(emulator, 'PATCH', `/_spoke/records/tickets/${body.id}`, {
      properties: { hs_pipeline_stage: '2', subject: null },
    });
    expect(patched.body.properties).toEqual({
      hs_pipeline_stage: '2',
      hs_object_id: body.id,
      createdate: body.createdAt,
      hs_lastmodifieddate: patched.body.updatedAt,
    });
    expect((await call(emulator, 'DELETE', `/_spoke/records/tickets/${body.id}`)).status).toBe(204);
    expect((await call(emulator, 'GET', `/_spoke/records/tickets/${body.id}`)).status).toBe(404);
  });

  test('searches by name with ?q= per object type', async () => {
    const byName = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/contacts?q=maria%20john');
    expect(byName.body.results.map((r) => r.properties.email)).toEqual(['maria.johnson@acmerobotics.com']);
    const byEmail = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/contacts?q=GLOBEX.IO');
    expect(byEmail.body.results).toHaveLength(1);
    const company = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/companies?q=initech');
    expect(company.body.results.map((r) => r.properties.name)).toEqual(['Initech Software']);
    const deal = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/deals?q=pilot');
    expect(deal.body.results).toHaveLength(1);
    const ticket = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/tickets?q=vat');
    expect(ticket.body.results).toHaveLength(1);
  });

  test('a record of one type is not found under another', async () => {
    const { body } = await call<List<CrmRecord>>(emulator, 'GET', '/_spoke/records/contacts');
    const id = body.results[0]?.id;
    expect((await call(emulator, 'GET', `/_spoke/records/companies/${id}`)).status).toBe(404);
  });

  test('rejects an unknown object type, a non-numeric id and a bad body', async () => {
    expect((await call(emulator, 'GET', '/_spoke/records/planets')).body).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
    });
    expect((await call(emulator, 'GET', '/_spoke/records/contacts/abc')).status).toBe(400);
    const bad = await call(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { email: { nested: true } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ in: 'properties.email' }] });
  });
});
