import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import {
  createEmulator,
  createSqliteStore,
  type Emulator,
  type EmulatorLogger,
  type EmulatorState,
  SpokeEmulatorError,
  type Store,
} from '@spoke/emulator';
import { hubspotErrorSchema, limits } from '@spoke/protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from '../helpers/fake-service.ts';
import { shareViaHandler } from '../helpers/share-via-service.ts';
import { call, cardBody, testEmulator, testKeys, withKey } from '../helpers/test-emulator.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spoke-state-import-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function service() {
  const share = shareViaHandler();
  return fakeService((req) => {
    if (req.url.startsWith('https://share.test')) return share(req);
    if (req.url.startsWith('https://desk.test'))
      return json({ phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Line' }] });
    return json(legacyReply(1));
  });
}

async function ok(emulator: Emulator, method: string, path: string, body?: Record<string, unknown>) {
  const res = await call(emulator, method, path, body);
  if (res.status >= 300)
    throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One of everything that refers to something else: card, settings, record, share + send, number, fault. */
async function populate(emulator: Emulator) {
  await ok(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
  await ok(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings'), {
    name: 'Dialer',
    url: 'https://d.test',
  });
  await ok(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection'), {
    url: 'https://desk.test/numbers',
    isReady: true,
  });
  await ok(emulator, 'POST', '/_spoke/records/companies', { properties: { name: 'Persisted Ltd' } });
  await ok(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });
  await ok(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', { frequency: 'weekly' });
  await ok(emulator, 'POST', '/_spoke/apps/1000/channel-connection/connect', {
    e164PhoneNumber: '+18001231234',
  });
  await ok(emulator, 'POST', '/_spoke/faults', { appId: 1000, target: 'https://nowhere.test', latencyMs: 5 });
}

/** Everything the store holds, secrets and request log included, as one string. */
async function snapshot(store: Store): Promise<string> {
  return JSON.stringify(await store.exportState('fixed'));
}

type Mutable = Record<string, unknown>;
type Mutation = { kind: string; apply: (state: Mutable) => void };

const rows = (state: Mutable, table: string) => state[table] as Mutable[];
const first = (state: Mutable, table: string) => {
  const row = rows(state, table)[0];
  if (!row) throw new Error(`the valid export has no ${table}`);
  return row;
};

/** Mutations that must be refused, each with the kind it counts under. */
const refusedMutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .constantFrom(
      '61 * * * *',
      '* * *',
      'every monday',
      '0 9 * * 8',
      '',
      '0 0 32 * *',
      '*/0 * * * *',
      '* * * * * *',
      '0 9 * * *',
    )
    .map((cron) => ({
      kind: 'bad cron',
      apply: (s: Mutable) => {
        first(s, 'shares').cron = cron;
      },
    })),
  fc
    .constantFrom(
      ['cards', 'appId'],
      ['callingSettings', 'appId'],
      ['channelConnectionSettings', 'appId'],
      ['shares', 'appId'],
      ['shares', 'portalId'],
      ['users', 'portalId'],
      ['connectedNumbers', 'appId'],
      ['connectedNumbers', 'portalId'],
      ['faults', 'appId'],
      ['shareSends', 'shareId'],
    )
    .chain(([table, field]) =>
      fc.integer({ min: 2_000_000, max: 2 ** 40 }).map((id) => ({
        kind: 'dangling reference',
        apply: (s: Mutable) => {
          first(s, table as string)[field as string] = field === 'shareId' ? `missing-${id}` : id;
        },
      })),
    ),
  fc
    .constantFrom(
      'portals',
      'users',
      'apps',
      'cards',
      'records',
      'exchanges',
      'shares',
      'shareSends',
      'faults',
    )
    .map((table) => ({
      kind: 'duplicate id',
      apply: (s: Mutable) => {
        const list = rows(s, table);
        list.push(structuredClone(list[0] as Mutable));
      },
    })),
  fc
    .constantFrom<[string, string, unknown]>(
      ['records', 'id', '99999999999999999999'],
      ['records', 'id', '9007199254740993'],
      ['apps', 'id', 2 ** 60],
      ['portals', 'id', 1e21],
      ['users', 'id', Number.MAX_SAFE_INTEGER + 2],
    )
    .map(([table, field, value]) => ({
      kind: 'huge id',
      apply: (s: Mutable) => {
        first(s, table)[field] = value;
      },
    })),
  fc
    .tuple(
      fc.constantFrom('records', 'apps', 'portals', 'users', 'cards'),
      fc.integer({ min: -1_000_000, max: 0 }),
    )
    .map(([table, n]) => ({
      kind: 'negative id',
      apply: (s: Mutable) => {
        if (table === 'cards') (first(s, 'cards').card as Mutable).id = String(n);
        else first(s, table).id = table === 'records' ? String(n) : n;
      },
    })),
  fc
    .oneof(
      fc.integer({ min: -1_000_000, max: -1 }).map((n) => ({ record: n })),
      fc.constantFrom({ cards: 5 }, { bogus: 1 }),
      fc.constantFrom({ record: 1.5 }, { card: '1001' }, { app: null }),
    )
    .map((sequences) => ({
      kind: 'bad sequence',
      apply: (s: Mutable) => {
        s.sequences = { ...(s.sequences as Mutable), ...sequences };
      },
    })),
  fc
    .tuple(
      fc.constantFrom<[string, string]>(
        ['apps', 'name'],
        ['apps', 'scopes'],
        ['apps', 'clientSecrets'],
        ['portals', 'domain'],
        ['users', 'email'],
        ['records', 'properties'],
        ['shares', 'status'],
        ['shares', 'frequency'],
        ['faults', 'enabled'],
        ['connectedNumbers', 'e164PhoneNumber'],
      ),
      fc.constantFrom<unknown>(42, true, null, [], {}, [1], ''),
    )
    .map(([[table, field], value]) => ({
      kind: 'wrong type',
      apply: (s: Mutable) => {
        first(s, table)[field] = value;
      },
    })),
  fc.constantFrom('records', 'apps', 'exchanges', 'sequences', 'shares').map((table) => ({
    kind: 'wrong type',
    apply: (s: Mutable) => {
      s[table] = table === 'sequences' ? [] : {};
    },
  })),
);

describe('PUT /_spoke/state validates everything before it writes', () => {
  test('fuzzed imports: every refusal is a 400 naming the field, changes nothing, and the file still starts', async () => {
    const dir = tempDir();
    const url = join(dir, 'emulator.db');
    const svc = service();
    let store = await createSqliteStore({ url });
    let emulator = await testEmulator({ store, fetch: svc.fetch });
    cleanup.push(async () => {
      await emulator.close();
      await store.close();
    });
    await populate(emulator);
    const valid = (await ok(emulator, 'GET', '/_spoke/state?includeSecrets=true')) as Mutable;
    const figures = { runs: 0, refused: 0, restarts: 0, byKind: {} as Record<string, number> };

    await fc.assert(
      fc.asyncProperty(refusedMutations, async (mutation) => {
        const before = await snapshot(store);
        const body = structuredClone(valid);
        mutation.apply(body);
        const res = await call(emulator, 'PUT', '/_spoke/state', body as Record<string, unknown>);
        figures.runs += 1;
        figures.byKind[mutation.kind] = (figures.byKind[mutation.kind] ?? 0) + 1;
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
        figures.refused += 1;
        const error = hubspotErrorSchema.parse(res.body);
        expect(error.category).toBe('VALIDATION_ERROR');
        expect(error.errors?.[0]?.in, error.message).toMatch(/^[a-zA-Z]+(\.|$)/);
        expect(await snapshot(store)).toBe(before);
        // Restart on the same file: close everything, open the file again, start.
        await emulator.close();
        await store.close();
        store = await createSqliteStore({ url });
        emulator = await testEmulator({ store, fetch: svc.fetch });
        figures.restarts += 1;
        expect(await snapshot(store)).toBe(before);
        expect(emulator.armedShares()).toHaveLength(1);
      }),
      { numRuns: 120, seed: 15 },
    );
    console.log(`state import fuzzing: ${JSON.stringify(figures)}`);
    expect(figures.refused).toBe(figures.runs);
    expect(Object.keys(figures.byKind).length).toBeGreaterThanOrEqual(7);
  }, 120_000);

  test('a share whose cron croner refuses is a 400 naming shares.N.cron, not a 500 and a file that no longer opens', async () => {
    const dir = tempDir();
    const url = join(dir, 'emulator.db');
    const svc = service();
    const store = await createSqliteStore({ url });
    const emulator = await testEmulator({ store, fetch: svc.fetch });
    await populate(emulator);
    const state = (await ok(emulator, 'GET', '/_spoke/state?includeSecrets=true')) as Mutable;
    first(state, 'shares').cron = '61 * * * *';
    const res = await call(emulator, 'PUT', '/_spoke/state', state as Record<string, unknown>);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'API_VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ in: 'shares.0.cron' })]),
    });
    expect(String(res.body.message)).toContain('61 * * * *');
    await emulator.close();
    await store.close();
    const again = await createSqliteStore({ url });
    const restarted = await testEmulator({ store: again, fetch: svc.fetch });
    cleanup.push(async () => {
      await restarted.close();
      await again.close();
    });
    expect(restarted.armedShares()).toHaveLength(1);
  });

  test('export → import → export gives the same file (sequences as an import rebuilds them)', async () => {
    const svc = service();
    const source = await testEmulator({ fetch: svc.fetch });
    cleanup.push(() => source.close());
    await populate(source);
    const exported = await ok(source, 'GET', '/_spoke/state?includeSecrets=true');
    const target = await testEmulator({ fetch: svc.fetch, seed: false });
    cleanup.push(() => target.close());
    await ok(target, 'PUT', '/_spoke/state', exported);
    const again = await ok(target, 'GET', '/_spoke/state?includeSecrets=true');
    expect({ ...again, exportedAt: '' }).toEqual({ ...exported, exportedAt: '' });
  });
});

describe('id sequences and insert-only creates', () => {
  for (const [label, sequences] of [
    ['missing', {}],
    ['low', { card: 1, record: 1, app: 1, portal: 1, user: 1 }],
  ] as const) {
    test(`an import with ${label} sequences: later creates get new ids and overwrite nothing`, async () => {
      const svc = service();
      const emulator = await testEmulator({ fetch: svc.fetch });
      cleanup.push(() => emulator.close());
      await populate(emulator);
      const state = (await ok(emulator, 'GET', '/_spoke/state?includeSecrets=true')) as EmulatorState;
      const imported = await call(emulator, 'PUT', '/_spoke/state', { ...state, sequences });
      expect(imported.status).toBe(200);
      const before = await emulator.store.exportState('t');

      const card = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
      const contact = await call(emulator, 'POST', '/_spoke/records/contacts', {
        properties: { email: 'n@x.test' },
      });
      const app = await call(emulator, 'POST', '/_spoke/apps', { name: 'New', scopes: [] });
      const portal = await call(emulator, 'POST', '/_spoke/portals', { name: 'P', domain: 'p.test' });
      expect([card.status, contact.status, app.status, portal.status]).toEqual([201, 201, 201, 201]);
      expect(before.cards.map((c) => c.card.id)).not.toContain(card.body.id);
      expect(before.records.map((r) => r.id)).not.toContain(contact.body.id);
      expect(before.apps.map((a) => a.id)).not.toContain(app.body.id);
      expect(before.portals.map((p) => p.id)).not.toContain(portal.body.id);

      // Every row there before is still there, unchanged.
      const after = await emulator.store.exportState('t');
      for (const c of before.cards) expect(after.cards).toContainEqual(c);
      for (const r of before.records) expect(after.records).toContainEqual(r);
      for (const a of before.apps) expect(after.apps).toContainEqual(a);
      expect(after.records).toHaveLength(before.records.length + 1);
      expect(after.cards).toHaveLength(before.cards.length + 1);
    });
  }

  test('a create whose id is taken is a 409 naming the table and id, and the existing row stays', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const seeded = await emulator.store.records.list({ scope: 'contacts' });
    const victim = seeded[0];
    if (!victim) throw new Error('no seeded contact');
    await expect(
      emulator.store.records.insert(
        victim.id,
        { ...victim, properties: { email: 'overwritten@x.test' } },
        'contacts',
      ),
    ).rejects.toMatchObject({ code: 'API_CONFLICT', status: 409 });
    await expect(
      emulator.store.write([emulator.store.records.insertWrite(victim.id, victim, 'contacts')]),
    ).rejects.toThrow(/records already has a row with id/);
    expect(await emulator.store.records.get(victim.id)).toEqual(victim);
  });

  test('a sequence left behind the ids (written by hand) makes a create 409, never an overwrite', async () => {
    const dir = tempDir();
    const url = join(dir, 'emulator.db');
    const store = await createSqliteStore({ url });
    const emulator = await testEmulator({ store });
    cleanup.push(async () => {
      await emulator.close();
      await store.close();
    });
    const [contact] = await store.records.list({ scope: 'contacts' });
    if (!contact) throw new Error('no seeded contact');
    // What an older import did: the record sequence restarts under the seeded ids.
    const raw = createClient({ url: `file:${url}` });
    await raw.execute("UPDATE sequences SET value = 0 WHERE name = 'record'");
    raw.close();
    const res = await call(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { email: 'x@y.test' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'API_CONFLICT', category: 'CONFLICT' });
    expect(String(res.body.message)).toMatch(/records already has a row with id 101/);
    expect(await store.records.get(contact.id)).toEqual(contact);
  });
});

describe('start-up never fails on one bad row', () => {
  test('bad JSON, a row that does not decode and a share with a bad cron: the emulator starts and says how to repair each', async () => {
    const dir = tempDir();
    const url = join(dir, 'emulator.db');
    const svc = service();
    const store1 = await createSqliteStore({ url });
    const first1 = await testEmulator({ store: store1, fetch: svc.fetch });
    await populate(first1);
    const [share] = await store1.shares.list();
    if (!share) throw new Error('no share');
    await first1.close();
    await store1.close();

    const raw: Client = createClient({ url: `file:${url}` });
    await raw.execute({
      sql: 'INSERT INTO records (id, scope, doc) VALUES (?, ?, ?)',
      args: ['777', 'contacts', '{"id": "777", oops'],
    });
    await raw.execute({
      sql: 'INSERT INTO apps (id, scope, doc) VALUES (?, ?, ?)',
      args: ['4242', '', '{"id": 4242, "name": ""}'],
    });
    await raw.execute({
      sql: 'UPDATE shares SET doc = json_set(doc, ?, ?) WHERE id = ?',
      args: ['$.cron', '61 * * * *', share.id],
    });
    raw.close();

    const warnings: string[] = [];
    const logger: EmulatorLogger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => warnings.push(message),
      error: (message) => warnings.push(`error: ${message}`),
    };
    const store2 = await createSqliteStore({ url });
    const second = await testEmulator({ store: store2, fetch: svc.fetch, logger });
    cleanup.push(async () => {
      await second.close();
      await store2.close();
    });
    expect(second.armedShares()).toEqual([]);
    expect(warnings.find((w) => w.includes(`share ${share.id}`))).toMatch(
      /not scheduled.*DELETE \/_spoke\/shares\//,
    );
    expect(warnings.find((w) => w.includes('records row 777'))).toMatch(
      /does not decode.*PUT \/_spoke\/state/,
    );
    expect(warnings.find((w) => w.includes('apps row 4242'))).toMatch(/name/);
    expect(warnings.filter((w) => w.startsWith('error'))).toEqual([]);

    // The rest works: health, the export (without the broken rows), the record list.
    expect((await call(second, 'GET', '/_spoke/health')).status).toBe(200);
    const exported = await call<EmulatorState>(second, 'GET', '/_spoke/state');
    expect(exported.status).toBe(200);
    expect(exported.body.records.map((r) => r.id)).not.toContain('777');
    expect(exported.body.apps.map((a) => a.id)).not.toContain(4242);
    expect((await call(second, 'GET', '/_spoke/records/contacts')).status).toBe(200);
    // The share with the bad cron can be deleted through the control API, as the hint says.
    expect((await call(second, 'DELETE', `/_spoke/shares/${share.id}`)).status).toBe(204);
  });
});

describe('secrets leave only when asked', () => {
  test('GET /_spoke/state leaves client secrets and developer keys out and says so; ?includeSecrets=true keeps them', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const plain = await fetchText(emulator, '/_spoke/state');
    expect(plain).not.toContain(testKeys.clientSecret);
    expect(plain).not.toContain(testKeys.developerApiKey);
    const state = JSON.parse(plain) as EmulatorState;
    expect(state.secrets).toBe('omitted');
    expect(state.apps[0]).not.toHaveProperty('clientSecrets');
    expect(state.apps[0]).not.toHaveProperty('developerApiKey');

    const full = await fetchText(emulator, '/_spoke/state?includeSecrets=true');
    expect(full).toContain(testKeys.clientSecret);
    expect(full).toContain(testKeys.developerApiKey);
    expect((JSON.parse(full) as EmulatorState).secrets).toBe('included');
    expect((await call(emulator, 'GET', '/_spoke/state?includeSecrets=yes')).status).toBe(400);
  });

  test('importing an export without secrets keeps the secrets of apps that exist and makes new ones for new apps', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    await ok(emulator, 'POST', '/_spoke/apps', { name: 'Second', scopes: [] });
    const exported = (await ok(emulator, 'GET', '/_spoke/state')) as EmulatorState;
    const stored = await emulator.store.apps.list();
    const res = await call(emulator, 'PUT', '/_spoke/state', exported as unknown as Record<string, unknown>);
    expect(res.status).toBe(200);
    expect(await emulator.store.apps.list()).toEqual(stored);
    // The developer key still works after the round trip.
    expect((await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'))).status).toBe(200);

    const fresh = await testEmulator({ seed: false });
    cleanup.push(() => fresh.close());
    expect(
      (await call(fresh, 'PUT', '/_spoke/state', exported as unknown as Record<string, unknown>)).status,
    ).toBe(200);
    const created = await fresh.store.apps.list();
    expect(created.map((a) => a.id)).toEqual(stored.map((a) => a.id));
    for (const app of created) {
      expect(app.clientSecrets).toHaveLength(1);
      expect(app.clientSecrets[0]).not.toBe(testKeys.clientSecret);
      expect(app.developerApiKey).not.toBe(testKeys.developerApiKey);
      expect(app.developerApiKey.length).toBeGreaterThan(0);
    }
  });

  test('a file that says its secrets are included but lacks one is refused, naming the field', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const before = await snapshot(emulator.store);
    const state = (await ok(emulator, 'GET', '/_spoke/state')) as Mutable;
    const res = await call(emulator, 'PUT', '/_spoke/state', { ...state, secrets: 'included' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ in: 'apps.0.clientSecrets' })]),
    });
    expect(await snapshot(emulator.store)).toBe(before);
  });
});

async function fetchText(emulator: Emulator, path: string): Promise<string> {
  const res = await emulator.fetch(new Request(`http://emulator.test${path}`));
  expect(res.status).toBe(200);
  return res.text();
}

describe('export and import accept the same sizes', () => {
  // Records belong to a portal: the file carries one.
  const portal = { id: 62515, name: 'Spoke Test Portal', domain: 'spoke.local' };
  const big = (n: number, bytes: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: String(900_000 + i),
      objectType: 'companies' as const,
      portalId: portal.id,
      properties: { blob: 'x'.repeat(bytes) },
      createdAt: '2026-01-15T10:00:00.000Z',
      updatedAt: '2026-01-15T10:00:00.000Z',
    }));

  test('an export just under the import cap round-trips into another emulator; a larger state is refused at export, naming the cap', async () => {
    const source = await testEmulator({ seed: false });
    cleanup.push(() => source.close());
    const empty = (await ok(source, 'GET', '/_spoke/state?includeSecrets=true')) as Mutable;
    const base = Buffer.byteLength(JSON.stringify(empty));
    const chunk = 1_048_576;
    const count = Math.floor((limits.maxStateImportBytes - base - 200_000) / (chunk + 200));
    const records = big(count, chunk);
    const used = base + Buffer.byteLength(JSON.stringify(records));
    // Top up to within 64 KiB of the cap.
    const rest = limits.maxStateImportBytes - used - 65_536;
    records.push(...big(1, rest).map((r) => ({ ...r, id: '899999' })));
    const near = { ...empty, portals: [portal], records };
    const put = await call(source, 'PUT', '/_spoke/state', near);
    expect(put.status, JSON.stringify(put.body).slice(0, 200)).toBe(200);

    const exported = await fetchText(source, '/_spoke/state?includeSecrets=true');
    const size = Buffer.byteLength(exported);
    console.log(
      `state size parity: export of ${size} bytes (cap ${limits.maxStateImportBytes}) imported back`,
    );
    expect(size).toBeLessThanOrEqual(limits.maxStateImportBytes);
    expect(size).toBeGreaterThan(limits.maxStateImportBytes - 131_072);
    const target = await testEmulator({ seed: false });
    cleanup.push(() => target.close());
    const imported = await target.fetch(
      new Request('http://emulator.test/_spoke/state', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'content-length': String(size) },
        body: exported,
      }),
    );
    expect(imported.status).toBe(200);
    expect(await target.store.records.count()).toBe(records.length);

    // Past the cap: the store holds it (written directly), the export refuses it with the way out.
    await source.store.importState({
      ...(near as unknown as EmulatorState),
      records: [
        ...(near.records as EmulatorState['records']),
        ...big(1, 200_000).map((r) => ({ ...r, id: '1' })),
      ],
    });
    const refused = await call(source, 'GET', '/_spoke/state');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'STORE_STATE_TOO_LARGE', category: 'CONFLICT' });
    expect(String(refused.body.message)).toMatch(/64\.0 MiB.*DELETE \/_spoke\/requests/);
  }, 120_000);
});

describe('a full disk and a data folder that cannot be opened', () => {
  test('a write failing with SQLITE_FULL is a 507 saying the disk is full; the next write after space returns works, no restart', async () => {
    const dir = tempDir();
    let full = false;
    const failing = (client: Client): Client =>
      new Proxy(client, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'execute' && prop !== 'batch')
            return typeof value === 'function' ? value.bind(target) : value;
          return (...args: unknown[]) => {
            const sql = JSON.stringify(args[0]);
            if (full && /INSERT|UPDATE|DELETE/i.test(sql)) {
              return Promise.reject(
                new LibsqlError('database or disk is full', 'SQLITE_FULL', 'SQLITE_FULL', 13),
              );
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    const store = await createSqliteStore({ url: join(dir, 'emulator.db'), wrapClient: failing });
    const emulator = await testEmulator({ store });
    cleanup.push(async () => {
      await emulator.close();
      await store.close();
    });
    const before = await store.records.count();
    full = true;
    const refused = await call(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { email: 'a@b.test' },
    });
    expect(refused.status).toBe(507);
    expect(hubspotErrorSchema.parse(refused.body).message).toMatch(
      /disk .* is full.*Free disk space.*without a restart/,
    );
    expect(refused.body.code).toBe('STORE_DISK_FULL');
    const clearing = await call(emulator, 'DELETE', '/_spoke/requests');
    expect(clearing.status).toBe(507);
    const card = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    expect(card.status).toBe(507);
    expect(await store.records.count()).toBe(before);

    full = false;
    const created = await call(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { email: 'a@b.test' },
    });
    expect(created.status).toBe(201);
    expect(await store.records.count()).toBe(before + 1);
    expect(
      (await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody())).status,
    ).toBe(201);
  });

  test('a data folder that cannot be created names the path and the fix, not a bare error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const path = join(dir, 'not-a-folder', 'emulator.db');
    const error = await createSqliteStore({ url: path }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpokeEmulatorError);
    expect(error).toMatchObject({ code: 'STORE_CANNOT_OPEN' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('spoke emulator --data');
  });

  test('a data file SQLite cannot open (here: a folder) names the path and the fix, not a bare SQLITE_CANTOPEN', async () => {
    const dir = tempDir();
    const path = join(dir, 'emulator.db');
    mkdirSync(path);
    const error = await createSqliteStore({ url: path }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORE_CANNOT_OPEN' });
    expect((error as Error).message).toMatch(/^\[spoke\] cannot open the data file .*emulator\.db/);
    expect((error as Error).message).toMatch(/chmod u\+w.*--data/);
  });
});

// createEmulator is exported for embedding: a bad row also never stops it without the CLI.
test('createEmulator on a store with only broken rows still starts', async () => {
  const dir = tempDir();
  const url = join(dir, 'emulator.db');
  const store = await createSqliteStore({ url });
  await store.close();
  const raw = createClient({ url: `file:${url}` });
  await raw.execute("INSERT INTO apps (id, scope, doc) VALUES ('1', '', 'not json')");
  await raw.execute("INSERT INTO settings (id, scope, doc) VALUES ('emulator', '', '{\"mode\": 5}')");
  raw.close();
  const reopened = await createSqliteStore({ url });
  const warnings: string[] = [];
  const emulator = await createEmulator({
    store: reopened,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => warnings.push(m),
      error: () => undefined,
    },
  });
  cleanup.push(async () => {
    await emulator.close();
    await reopened.close();
  });
  expect((await call(emulator, 'GET', '/_spoke/mode')).body).toEqual({ mode: 'legacy' });
  expect(warnings.some((w) => w.includes('apps row 1 '))).toBe(true);
  expect(warnings.some((w) => w.includes('settings row emulator'))).toBe(true);
});
