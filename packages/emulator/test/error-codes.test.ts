import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, LibsqlError } from '@libsql/client';
import { createSqliteStore } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { call, cardBody, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

// Codes no other test produced by name: each is provoked here the way a user meets it.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function emulator() {
  const created = await testEmulator();
  cleanup.push(() => created.close());
  return created;
}

describe('developer API authentication', () => {
  test('API_UNAUTHORIZED: no key, an unknown key, and an Authorization header that is not Bearer', async () => {
    const api = await emulator();
    const path = '/crm/v3/extensions/cards-dev/1000';
    const none = await call<{ code: string; message: string; category: string }>(api, 'GET', path);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'API_UNAUTHORIZED', category: 'INVALID_AUTHENTICATION' });
    expect(none.body.message).toContain('no developer API key');
    const unknown = await call<{ code: string; message: string }>(api, 'GET', `${path}?hapikey=nope`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('API_UNAUTHORIZED');
    expect(unknown.body.message).toContain('not valid');
    const basic = await call<{ code: string; message: string }>(api, 'GET', path, undefined, {
      authorization: `Basic ${testKeys.developerApiKey}`,
    });
    expect(basic.status).toBe(401);
    expect(basic.body.code).toBe('API_UNAUTHORIZED');
    expect(basic.body.message).toContain('Bearer KEY');
    const bearer = await call(api, 'GET', path, undefined, {
      authorization: `Bearer ${testKeys.developerApiKey}`,
    });
    expect(bearer.status).toBe(200);
  });

  test('API_MISSING_SCOPES: a card for an object type the app has no scope for is a 403 naming it', async () => {
    const api = await emulator();
    expect((await call(api, 'PATCH', '/_spoke/apps/1000', { scopes: [] })).status).toBe(200);
    const refused = await call<{ code: string; message: string }>(
      api,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody('https://service.test/cards', ['contacts']),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('API_MISSING_SCOPES');
    expect(refused.body.message).toContain('a card for contacts needs the app');
    expect(await api.store.cards.count()).toBe(0);
  });
});

describe('routing', () => {
  test('API_METHOD_NOT_ALLOWED: a known path with another method is a 405 with Allow', async () => {
    const api = await emulator();
    const res = await call<{ code: string; message: string }>(api, 'PUT', '/_spoke/health');
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('API_METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.body.message).toContain('PUT is not allowed on /_spoke/health');
  });
});

describe('the data file', () => {
  test('STORE_UNWRITABLE: a write refused as read-only is a 503 naming the file and the fix; nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-unwritable-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    let readOnly = false;
    const failing = (client: Client): Client =>
      new Proxy(client, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'execute' && prop !== 'batch')
            return typeof value === 'function' ? value.bind(target) : value;
          return (...args: unknown[]) => {
            if (readOnly && /INSERT|UPDATE|DELETE/i.test(JSON.stringify(args[0]))) {
              return Promise.reject(
                new LibsqlError(
                  'attempt to write a readonly database',
                  'SQLITE_READONLY',
                  'SQLITE_READONLY',
                  8,
                ),
              );
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    const file = join(dir, 'emulator.db');
    const store = await createSqliteStore({ url: file, wrapClient: failing });
    const api = await testEmulator({ store });
    cleanup.push(async () => {
      await api.close();
      await store.close();
    });
    const before = await store.records.count();
    readOnly = true;
    const refused = await call<{ code: string; message: string }>(api, 'POST', '/_spoke/records/contacts', {
      properties: { email: 'a@b.test' },
    });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('STORE_UNWRITABLE');
    expect(refused.body.message).toContain(file);
    expect(refused.body.message).toContain('chmod u+w');
    readOnly = false;
    expect(await store.records.count()).toBe(before);
  });
});
