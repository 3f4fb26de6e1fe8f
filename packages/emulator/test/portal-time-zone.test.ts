import type { Emulator, OpenRecordResult, Portal } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, testEmulator } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

// HubSpot's card converter formats DATETIME in `context.portal.timezone`; the record page gets the
// portal's time zone with the cards.
describe('each portal has a time zone', () => {
  test('is unset on the seeded portal, set through the control API, and a bad one is a 400 naming it', async () => {
    emulator = await testEmulator();
    const em = emulator;
    expect((await call<Portal>(em, 'GET', '/_spoke/portals/62515')).body.timeZone).toBeUndefined();
    const patched = await call<Portal>(em, 'PATCH', '/_spoke/portals/62515', { timeZone: 'Europe/Berlin' });
    expect(patched.status).toBe(200);
    expect(patched.body.timeZone).toBe('Europe/Berlin');
    const created = await call<Portal>(em, 'POST', '/_spoke/portals', {
      name: 'Tokyo',
      domain: 'tokyo.example',
      timeZone: 'Asia/Tokyo',
    });
    expect(created.body.timeZone).toBe('Asia/Tokyo');

    for (const bad of ['Mars/Olympus', '', 'Eastern Time']) {
      const refused = await call<{ message: string }>(em, 'PATCH', '/_spoke/portals/62515', {
        timeZone: bad,
      });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.message).toContain('is not a time zone Intl knows');
      expect(refused.body.message).toContain('timeZone');
    }
    expect((await call<Portal>(em, 'GET', '/_spoke/portals/62515')).body.timeZone).toBe('Europe/Berlin');
  });

  test("a record opens with its portal's time zone, US/Eastern for a portal without one", async () => {
    const service = fakeService(() => json({ results: [] }));
    emulator = await testEmulator({ fetch: service.fetch });
    const em = emulator;
    const contacts = await call<{ results: { id: string }[] }>(em, 'GET', '/_spoke/records/contacts');
    const path = `/_spoke/records/contacts/${contacts.body.results[0]?.id}/cards`;
    const before = await call<OpenRecordResult>(em, 'POST', path);
    expect(before.body.portal).toEqual({ id: 62515, timeZone: 'US/Eastern' });
    await call(em, 'PATCH', '/_spoke/portals/62515', { timeZone: 'UTC' });
    const after = await call<OpenRecordResult>(em, 'POST', path);
    expect(after.body.portal).toEqual({ id: 62515, timeZone: 'UTC' });
  });
});
