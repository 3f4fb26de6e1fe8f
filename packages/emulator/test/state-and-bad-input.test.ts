import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type Emulator, type EmulatorState } from '@spoke/emulator';
import { hubspotErrorSchema, limits } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { installThroughOauth } from './helpers/oauth-install.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Writes one of everything: card, settings, record, share, connected number, fault, mode, logged request, OAuth install. */
async function populate(emulator: Emulator) {
  await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
  await call(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings'), {
    name: 'Dialer',
    url: 'https://d.test',
  });
  await call(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection'), {
    url: 'https://desk.test/numbers',
    isReady: true,
  });
  await call(emulator, 'POST', '/_spoke/records/companies', { properties: { name: 'Persisted Ltd' } });
  await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });
  await call(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', { frequency: 'weekly' });
  await call(emulator, 'POST', '/_spoke/apps/1000/channel-connection/connect', {
    e164PhoneNumber: '+18001231234',
  });
  await call(emulator, 'POST', '/_spoke/faults', { target: 'https://nowhere.test', latencyMs: 5 });
  await call(emulator, 'PUT', '/_spoke/mode', { mode: 'converter' });
  await installThroughOauth(emulator);
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

function counts(state: EmulatorState) {
  return Object.fromEntries(
    Object.entries(state)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => [k, (v as unknown[]).length]),
  );
}

describe('persistence and export/import', () => {
  test('restarting on the same file keeps every app, card, setting, record, share, schedule and logged request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-restart-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = join(dir, 'emulator.db');
    const svc = service();
    const store1 = await createSqliteStore({ url });
    const first = await testEmulator({ store: store1, fetch: svc.fetch });
    await populate(first);
    // Closed first: the request log's API calls are written just after their answers, at the latest on close.
    await first.close();
    const before = await store1.exportState('t');
    await store1.close();

    const store2 = await createSqliteStore({ url });
    const second = await testEmulator({ store: store2, fetch: svc.fetch });
    cleanup.push(async () => {
      await second.close();
      await store2.close();
    });
    const after = await store2.exportState('t');
    expect(after).toEqual(before);
    for (const [key, n] of Object.entries(counts(after))) {
      if (['users', 'portals', 'apps'].includes(key)) continue;
      expect(n, key).toBeGreaterThan(0);
    }
    expect(second.armedShares()).toHaveLength(1);
    expect((await call(second, 'GET', '/_spoke/mode')).body).toEqual({ mode: 'converter' });
  });

  test('exports the whole state as one JSON file and imports it into another emulator', async () => {
    const svc = service();
    const source = await testEmulator({ fetch: svc.fetch });
    cleanup.push(() => source.close());
    await populate(source);
    const exported = await call<EmulatorState>(source, 'GET', '/_spoke/state');
    expect(exported.headers.get('content-disposition')).toContain('spoke-emulator-state.json');
    expect(exported.body.format).toBe('spoke-emulator-state');

    const target = await testEmulator({ fetch: svc.fetch, seed: false });
    cleanup.push(() => target.close());
    const imported = await call(target, 'PUT', '/_spoke/state', exported.body);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: true, counts: counts(exported.body) });
    const again = await call<EmulatorState>(target, 'GET', '/_spoke/state');
    expect({ ...again.body, exportedAt: '' }).toEqual({ ...exported.body, exportedAt: '' });
    expect(target.armedShares()).toHaveLength(1);
  });

  test('a bad import changes nothing', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const before = await call<EmulatorState>(emulator, 'GET', '/_spoke/state');
    const broken = { ...before.body, apps: [{ id: 'x' }] };
    const res = await call(emulator, 'PUT', '/_spoke/state', broken);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ in: 'apps.0.id' })]),
    });
    const newer = await call(emulator, 'PUT', '/_spoke/state', { ...before.body, schemaVersion: 99 });
    expect(newer.status).toBe(400);
    const after = await call<EmulatorState>(emulator, 'GET', '/_spoke/state');
    expect({ ...after.body, exportedAt: '' }).toEqual({ ...before.body, exportedAt: '' });
  });
});

describe('bad input never crashes the emulator', () => {
  const jsonEndpoints: [string, string][] = [
    ['POST', withKey('/crm/v3/extensions/cards-dev/1000')],
    ['POST', withKey('/crm/v3/extensions/calling/1000/settings')],
    ['POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection')],
    ['POST', '/_spoke/apps'],
    ['PATCH', '/_spoke/apps/1000'],
    ['PUT', '/_spoke/apps/1000/share-via'],
    ['POST', '/_spoke/portals'],
    ['POST', '/_spoke/users'],
    ['POST', '/_spoke/records/contacts'],
    ['POST', '/_spoke/faults'],
    ['PUT', '/_spoke/mode'],
    ['PUT', '/_spoke/state'],
  ];

  test.each(jsonEndpoints)('%s %s answers malformed JSON with a HubSpot-shaped 400', async (method, path) => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const res = await call(emulator, method, path, { raw: '{"title": ' });
    expect(res.status).toBe(400);
    expect(hubspotErrorSchema.parse(res.body)).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(res.body.code).toBe('API_MALFORMED_JSON');
    const wrong = await call(emulator, method, path, [1, 2, 3]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('API_VALIDATION_FAILED');
    expect((await call(emulator, 'GET', '/_spoke/health')).status).toBe(200);
  });

  test('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const big = { title: 'x'.repeat(limits.defaultBodyLimitBytes + 10) };
    const res = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      status: 'error',
      category: 'PAYLOAD_TOO_LARGE',
      code: 'API_BODY_TOO_LARGE',
    });
  });

  test('answers unknown ids and routes with 404 and wrong id types with 400', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    for (const path of [
      '/_spoke/apps/4242',
      '/_spoke/portals/4242',
      '/_spoke/users/4242',
      '/_spoke/shares/x',
      '/_spoke/faults/x',
      '/_spoke/nothing',
    ]) {
      const res = await call(emulator, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(hubspotErrorSchema.safeParse(res.body).success, path).toBe(true);
    }
    for (const path of [
      '/_spoke/apps/abc',
      '/_spoke/users/1.5',
      withKey('/crm/v3/extensions/cards-dev/abc'),
    ]) {
      expect((await call(emulator, 'GET', path)).status, path).toBe(400);
    }
  });

  test('turns an unexpected failure into a 500 without leaking a stack, and keeps serving', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const { store } = emulator;
    store.apps.list = () => Promise.reject(new Error('disk on fire at /secret/path'));
    const res = await call(emulator, 'GET', '/_spoke/apps');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      status: 'error',
      category: 'INTERNAL_ERROR',
      code: 'API_INTERNAL_ERROR',
    });
    expect(JSON.stringify(res.body)).not.toContain('/secret/path');
    expect((await call(emulator, 'GET', '/_spoke/health')).status).toBe(200);
  });
});
