import type { ConnectedNumber, Emulator, NumbersResult } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const numbers = {
  phoneNumbers: [
    { e164PhoneNumber: '+18001231234', friendlyName: 'Support line' },
    { e164PhoneNumber: '+18005550000', extension: '12', friendlyName: 'Sales desk with an extension' },
    { e164PhoneNumber: '+442071234567', friendlyName: 'A very long friendly name that HubSpot cuts' },
  ],
};

async function setup(isReady: boolean, reply: unknown = numbers) {
  const service = fakeService(() => json(reply));
  emulator = await testEmulator({ fetch: service.fetch });
  await call(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection'), {
    url: 'https://desk.test/numbers',
    isReady,
  });
  return { service, emulator };
}

describe('channel connection', () => {
  test('a portal with a connected number cannot be deleted until the number is gone', async () => {
    const { emulator: em } = await setup(true);
    const connected = await call<ConnectedNumber>(
      em,
      'POST',
      '/_spoke/apps/1000/channel-connection/connect',
      {
        e164PhoneNumber: '+18001231234',
      },
    );
    expect(connected.status).toBe(201);
    const users = await call<{ results: { id: number; portalId: number }[] }>(em, 'GET', '/_spoke/users');
    for (const user of users.body.results.filter((u) => u.portalId === 62515))
      expect((await call(em, 'DELETE', `/_spoke/users/${user.id}`)).status).toBe(204);
    const refused = await call<{ message: string }>(em, 'DELETE', '/_spoke/portals/62515');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('portal 62515 still has 0 share(s) and 1 connected number(s)');
    const path = `/_spoke/apps/1000/channel-connection/connections/${connected.body.id}`;
    expect((await call(em, 'DELETE', path)).status).toBe(204);
    expect((await call(em, 'DELETE', '/_spoke/portals/62515')).status).toBe(204);
  });

  test('fetches the numbers as the picker shows them: names cut to 24, extensions not selectable', async () => {
    const { service, emulator: em } = await setup(true);
    const res = await call<NumbersResult>(em, 'POST', '/_spoke/apps/1000/channel-connection/numbers');
    expect(res.body).toMatchObject({
      status: 'ok',
      provider: { appId: 1000, isReady: true, visibility: 'selectable' },
    });
    expect(res.body.numbers.map((n) => [n.displayName, n.selectable])).toEqual([
      ['Support line', true],
      ['Sales desk with an exten', false],
      ['A very long friendly nam', true],
    ]);
    expect(JSON.parse(service.seen[0]?.body ?? '')).toEqual({ appId: 1000, portalId: 62515, userId: 1 });
    expect(service.seen[0]?.signatureOk).toBe(true);
  });

  test('greys out an app that is not ready unless the local-storage override is on', async () => {
    const { service, emulator: em } = await setup(false);
    const greyed = await call<NumbersResult>(em, 'POST', '/_spoke/apps/1000/channel-connection/numbers');
    expect(greyed.body).toMatchObject({
      status: 'error',
      provider: { visibility: 'greyed-out' },
      numbers: [],
    });
    expect(service.seen).toHaveLength(0);
    const forced = await call<NumbersResult>(em, 'POST', '/_spoke/apps/1000/channel-connection/numbers', {
      override: true,
    });
    expect(forced.body.status).toBe('ok');
  });

  test('connecting a number records it; a number with an extension cannot be connected', async () => {
    const { emulator: em } = await setup(true);
    const connected = await call<ConnectedNumber>(
      em,
      'POST',
      '/_spoke/apps/1000/channel-connection/connect',
      {
        e164PhoneNumber: '+442071234567',
      },
    );
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({
      appId: 1000,
      portalId: 62515,
      userId: 1,
      friendlyName: 'A very long friendly nam',
    });
    const list = await call<{ results: ConnectedNumber[] }>(
      em,
      'GET',
      '/_spoke/apps/1000/channel-connection/connections',
    );
    expect(list.body.results.map((n) => n.e164PhoneNumber)).toEqual(['+442071234567']);
    const ext = await call(em, 'POST', '/_spoke/apps/1000/channel-connection/connect', {
      e164PhoneNumber: '+18005550000',
    });
    expect(ext.status).toBe(400);
    const absent = await call(em, 'POST', '/_spoke/apps/1000/channel-connection/connect', {
      e164PhoneNumber: '+19999999999',
    });
    expect(absent.status).toBe(404);
    expect(
      (await call(em, 'DELETE', `/_spoke/apps/1000/channel-connection/connections/${connected.body.id}`))
        .status,
    ).toBe(204);
  });

  test('reports an invalid reply with its schema path', async () => {
    const { emulator: em } = await setup(true, {
      phoneNumbers: [{ e164PhoneNumber: '555-1234', friendlyName: 'x' }],
    });
    const res = await call<NumbersResult>(em, 'POST', '/_spoke/apps/1000/channel-connection/numbers');
    expect(res.body).toMatchObject({ status: 'error', error: { code: 'DISPATCH_REPLY_INVALID' } });
    expect(res.body.exchanges[0]?.schemaIssues.map((i) => i.path)).toContain(
      'phoneNumbers.0.e164PhoneNumber',
    );
  });

  test('answers 409 when the app has no channel-connection settings', async () => {
    emulator = await testEmulator();
    const res = await call(emulator, 'POST', '/_spoke/apps/1000/channel-connection/numbers');
    expect(res).toMatchObject({ status: 409, body: { code: 'API_NOT_CONFIGURED' } });
  });
});
