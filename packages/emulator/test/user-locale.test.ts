import type { Emulator, OpenRecordResult, User } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, testEmulator } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function start(options: Parameters<typeof testEmulator>[0] = {}): Promise<Emulator> {
  emulator = await testEmulator(options);
  return emulator;
}

describe('each user has a locale', () => {
  test('defaults to en-US, is set through the control API, and a bad one is a 400 naming it', async () => {
    const em = await start();
    const first = await call<User>(em, 'GET', '/_spoke/users/1');
    expect(first.body.locale).toBeUndefined();
    const created = await call<User>(em, 'POST', '/_spoke/users', {
      portalId: 62515,
      email: 'lea@example.de',
      firstName: 'Lea',
      lastName: 'M',
      locale: 'de-DE',
    });
    expect(created.status).toBe(201);
    expect(created.body.locale).toBe('de-DE');

    const patched = await call<User>(em, 'PATCH', '/_spoke/users/1', { locale: 'ja-JP' });
    expect(patched.body.locale).toBe('ja-JP');
    // A patch that leaves locale out keeps it.
    expect((await call<User>(em, 'PATCH', '/_spoke/users/1', { firstName: 'Dev' })).body.locale).toBe(
      'ja-JP',
    );

    for (const bad of ['en_US', 'xx-YY', '', 'not a locale']) {
      const refused = await call<{ message: string }>(em, 'PATCH', '/_spoke/users/1', { locale: bad });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.message).toContain('is not a locale Intl knows');
      expect(refused.body.message).toContain('locale');
    }
    expect((await call<User>(em, 'GET', '/_spoke/users/1')).body.locale).toBe('ja-JP');
  });

  test('a record opens for a user with their locale, en-US for one without', async () => {
    const service = fakeService(() => json({ results: [] }));
    const em = await start({ fetch: service.fetch });
    const contacts = await call<{ results: { id: string }[] }>(em, 'GET', '/_spoke/records/contacts');
    const id = contacts.body.results[0]?.id;
    const before = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${id}/cards`);
    expect(before.body.user).toEqual({ id: 1, email: 'dev@spoke.local', locale: 'en-US' });
    await call(em, 'PATCH', '/_spoke/users/1', { locale: 'fr-FR' });
    const after = await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${id}/cards`);
    expect(after.body.user.locale).toBe('fr-FR');
  });

  test('a state file whose users have no locale imports, and an unknown locale in one is refused', async () => {
    const em = await start();
    const state = await call<{ users: User[] }>(em, 'GET', '/_spoke/state?includeSecrets=true');
    expect(state.body.users.every((u) => u.locale === undefined)).toBe(true);
    expect((await call(em, 'PUT', '/_spoke/state', state.body)).status).toBe(200);
    const bad = { ...state.body, users: state.body.users.map((u) => ({ ...u, locale: 'xx-YY' })) };
    const refused = await call(em, 'PUT', '/_spoke/state', bad);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('users.0.locale');
  });
});
