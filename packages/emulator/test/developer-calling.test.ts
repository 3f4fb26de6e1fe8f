import type { Emulator } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator;
let clock = testClock();
beforeEach(async () => {
  clock = testClock();
  emulator = await testEmulator({ clock });
});
afterEach(() => emulator.close());

const calling = '/crm/v3/extensions/calling/1000/settings';
const channel = `${calling}/channel-connection`;

describe('calling settings', () => {
  test('create, get, patch and delete with createdAt and updatedAt', async () => {
    const created = await call(emulator, 'POST', withKey(calling), {
      name: 'Dialer',
      url: 'https://dial.test/app',
      width: 400,
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      name: 'Dialer',
      url: 'https://dial.test/app',
      width: 400,
      createdAt: '2026-01-15T10:00:00.000Z',
      updatedAt: '2026-01-15T10:00:00.000Z',
    });
    clock.advance(1000);
    const patched = await call(emulator, 'PATCH', withKey(calling), { isReady: true });
    expect(patched.body).toMatchObject({
      name: 'Dialer',
      isReady: true,
      updatedAt: '2026-01-15T10:00:01.000Z',
    });
    expect((await call(emulator, 'GET', withKey(calling))).body).toEqual(patched.body);
    expect((await call(emulator, 'DELETE', withKey(calling))).status).toBe(204);
    expect((await call(emulator, 'GET', withKey(calling))).status).toBe(404);
  });

  test('needs name and url to create', async () => {
    const res = await call(emulator, 'POST', withKey(calling), { width: 'wide' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'name' }),
        expect.objectContaining({ in: 'url' }),
        expect.objectContaining({ in: 'width' }),
      ]),
    );
  });

  test('answers 404 to GET, PATCH and DELETE when there are none', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await call(
        emulator,
        method,
        withKey(calling),
        method === 'PATCH' ? { isReady: true } : undefined,
      );
      expect(res.status, method).toBe(404);
      expect(res.body).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
    }
  });

  test('answers 409 to a second create', async () => {
    await call(emulator, 'POST', withKey(calling), { name: 'Dialer', url: 'https://dial.test/app' });
    const res = await call(emulator, 'POST', withKey(calling), {
      name: 'Dialer',
      url: 'https://dial.test/app',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ category: 'CONFLICT' });
  });
});

describe('channel connection settings', () => {
  test('create, get, patch and delete, apart from the calling settings', async () => {
    const created = await call(emulator, 'POST', withKey(channel), {
      url: 'https://desk.test/numbers',
      isReady: false,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      url: 'https://desk.test/numbers',
      isReady: false,
      createdAt: expect.any(String),
    });
    expect((await call(emulator, 'GET', withKey(calling))).status).toBe(404);
    const patched = await call(emulator, 'PATCH', withKey(channel), { isReady: true });
    expect(patched.body).toMatchObject({ url: 'https://desk.test/numbers', isReady: true });
    expect((await call(emulator, 'DELETE', withKey(channel))).status).toBe(204);
    expect((await call(emulator, 'GET', withKey(channel))).status).toBe(404);
  });

  test('needs both url and isReady to create', async () => {
    const res = await call(emulator, 'POST', withKey(channel), { url: 'https://desk.test/numbers' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'isReady' })]);
  });

  test('needs the developer key', async () => {
    expect((await call(emulator, 'GET', channel)).status).toBe(401);
  });
});
