import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSqliteStore,
  type Share,
  type ShareSend,
  type ShareViaEventResult,
  type ShareViaFlowResult,
} from '@spoke/emulator';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeService } from './helpers/fake-service.ts';
import { manualTimers } from './helpers/manual-timers.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { call, testEmulator } from './helpers/test-emulator.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(handler = shareViaHandler(), extra: Parameters<typeof testEmulator>[0] = {}) {
  const service = fakeService(handler);
  const emulator = await testEmulator({ fetch: service.fetch, ...extra });
  cleanup.push(() => emulator.close());
  const put = await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', {
    targetUrl: 'https://share.test/hooks/',
  });
  expect(put.body).toEqual({ targetUrl: 'https://share.test/hooks/', shape: 'current' });
  return { service, emulator };
}

describe('Share Via', () => {
  test('runs one event and returns the judged reply', async () => {
    const { service, emulator } = await setup();
    const res = await call<ShareViaEventResult>(
      emulator,
      'POST',
      '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS',
    );
    expect(res.body).toMatchObject({
      event: 'CHECK_PERMISSIONS',
      status: 'ok',
      reply: { payload: { hasAllRequiredPermissions: true } },
      error: null,
    });
    expect(service.seen[0]?.url).toBe('https://share.test/hooks/feature/SHARE_VIA/event/CHECK_PERMISSIONS');
    expect(JSON.parse(service.seen[0]?.body ?? '')).toEqual({
      portalId: 62515,
      appId: 1000,
      payload: { requiredPermissions: ['upload-file'] },
    });
    expect(service.seen[0]?.signatureOk).toBe(true);
  });

  test('sends the older CHECK_PERMISSIONS shape when the app asks for it', async () => {
    const { service, emulator } = await setup();
    await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', {
      targetUrl: 'https://share.test/hooks',
      shape: 'older',
    });
    await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS');
    expect(JSON.parse(service.seen[0]?.body ?? '')).toEqual({
      portalId: 62515,
      appId: 1000,
      requiredPermissions: ['upload-file'],
    });
  });

  test('checks an event payload before sending it', async () => {
    const { service, emulator } = await setup();
    const res = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/FETCH_RECIPIENT', { id: 7 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ in: 'payload.id' })]),
    });
    expect(service.seen).toHaveLength(0);
    expect((await call(emulator, 'POST', '/_spoke/apps/1000/share-via/SHOUT')).status).toBe(404);
  });

  test('answers 409 API_NOT_CONFIGURED without a target URL', async () => {
    const emulator = await testEmulator();
    cleanup.push(() => emulator.close());
    const res = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/flow');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'API_NOT_CONFIGURED' });
  });

  test('runs the four events in order, paging recipients, and records the send', async () => {
    const { service, emulator } = await setup();
    const res = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      limit: 2,
      recipientsFilter: { type: 1 },
      message: 'Weekly numbers',
    });
    expect(res.body.status).toBe('ok');
    expect(res.body.steps.map((s) => s.event)).toEqual([
      'CHECK_PERMISSIONS',
      'FETCH_RECIPIENTS',
      'FETCH_RECIPIENT',
      'SHARE_OBJECT',
    ]);
    expect(res.body.recipients.map((r) => r.id)).toEqual(['U1', 'U2', 'U3']);
    // two pages of FETCH_RECIPIENTS (limit 2, total 3)
    expect(service.seen.map((r) => r.url.split('/').at(-1))).toEqual([
      'CHECK_PERMISSIONS',
      'FETCH_RECIPIENTS',
      'FETCH_RECIPIENTS',
      'FETCH_RECIPIENT',
      'SHARE_OBJECT',
    ]);
    expect(res.body.share).toMatchObject({
      frequency: 'now',
      cron: null,
      status: 'done',
      recipient: { id: 'U1' },
    });
    expect(res.body.send).toMatchObject({
      outcome: 'ok',
      recipientUrl: 'https://chat.test/U1',
      trigger: 'now',
    });
    const shared = JSON.parse(service.seen.at(-1)?.body ?? '');
    expect(shared.payload).toMatchObject({
      message: 'Weekly numbers',
      objectMetadata: { type: 2 },
      sender: { id: 1 },
    });
    const log = await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/requests');
    expect(log.body.results).toHaveLength(5);
  });

  test('stops at CHECK_PERMISSIONS when permissions are missing, storing no share', async () => {
    const { emulator } = await setup(shareViaHandler({ permitted: false }));
    const res = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {});
    expect(res.body).toMatchObject({
      status: 'error',
      failedAt: 'CHECK_PERMISSIONS',
      share: null,
      send: null,
    });
    expect(await emulator.store.shares.count()).toBe(0);
  });

  test('records a failed delivery with its outcome', async () => {
    const { emulator } = await setup(shareViaHandler({ shareStatus: 500 }));
    const res = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'daily',
    });
    expect(res.body).toMatchObject({
      status: 'error',
      failedAt: 'SHARE_OBJECT',
      share: { status: 'done' },
      send: { outcome: 'error', recipientUrl: null },
    });
    expect(emulator.armedShares()).toEqual([]);
  });

  test('a recurring share is armed, fires on schedule, can be paused, resumed and deleted', async () => {
    // The scheduler runs on a manual clock: just before 09:00 local, then moved to 09:00.
    const nine = new Date(2026, 5, 1, 9, 0, 0, 0);
    const timers = manualTimers(nine.getTime() - 400);
    const { emulator } = await setup(shareViaHandler(), { clock: timers.now, scheduleTimers: timers });
    const flow = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'daily',
    });
    const share = flow.body.share as Share;
    expect(share).toMatchObject({
      frequency: 'daily',
      cron: '0 9 * * *',
      status: 'active',
      nextRunAt: nine.toISOString(),
    });
    expect(emulator.armedShares()).toEqual([share.id]);
    const sendsOf = async () =>
      (await call<Share & { sends: ShareSend[] }>(emulator, 'GET', `/_spoke/shares/${share.id}`)).body.sends;
    const scheduled = async () => (await sendsOf()).filter((s) => s.trigger === 'schedule');
    timers.advanceTo(nine.getTime() - 1);
    expect(timers.pending()).toBe(1);
    expect(await scheduled()).toHaveLength(0);
    timers.advanceTo(nine.getTime());
    await vi.waitFor(async () => expect(await scheduled()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    // Fired once, and armed for the next day.
    await vi.waitFor(
      async () =>
        expect((await call<Share>(emulator, 'GET', `/_spoke/shares/${share.id}`)).body.nextRunAt).toBe(
          new Date(2026, 5, 2, 9).toISOString(),
        ),
      { timeout: 5_000, interval: 10 },
    );
    expect(await scheduled()).toHaveLength(1);
    expect((await sendsOf())[0]).toMatchObject({ outcome: 'ok', recipientUrl: 'https://chat.test/C1' });

    const paused = await call<Share>(emulator, 'POST', `/_spoke/shares/${share.id}/pause`);
    expect(paused.body).toMatchObject({ status: 'paused', nextRunAt: null });
    expect(emulator.armedShares()).toEqual([]);

    const resumed = await call<Share>(emulator, 'POST', `/_spoke/shares/${share.id}/resume`);
    expect(resumed.body).toMatchObject({
      status: 'active',
      nextRunAt: new Date(2026, 5, 2, 9).toISOString(),
    });
    expect(emulator.armedShares()).toEqual([share.id]);
    const run = await call<ShareSend>(emulator, 'POST', `/_spoke/shares/${share.id}/run`);
    expect(run.body).toMatchObject({ trigger: 'manual', outcome: 'ok' });
    expect((await call(emulator, 'DELETE', `/_spoke/shares/${share.id}`)).status).toBe(204);
    expect(emulator.armedShares()).toEqual([]);
    expect((await call(emulator, 'GET', `/_spoke/shares/${share.id}`)).status).toBe(404);
  });

  test('only the frequencies HubSpot offers are scheduled: any other cron is a 400 naming them', async () => {
    const { emulator, service } = await setup();
    for (const body of [
      { frequency: 'daily', cron: '* * * * * *' },
      { frequency: 'weekly', cron: '0 9 * * *' },
      { frequency: 'now', cron: '0 9 * * *' },
      { frequency: 'monthly', cron: '*/1 * * * *' },
    ]) {
      const refused = await call<{ message: string }>(
        emulator,
        'POST',
        '/_spoke/apps/1000/share-via/flow',
        body,
      );
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.message).toContain('daily (0 9 * * *), weekly (0 9 * * 1), monthly (0 9 1 * *)');
    }
    expect(service.seen).toHaveLength(0);
    const same = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'weekly',
      cron: '0 9 * * 1',
    });
    expect(same.body.share).toMatchObject({ frequency: 'weekly', cron: '0 9 * * 1', status: 'active' });

    // A share stored with another schedule (an old data file, a hand-edited import) is never armed.
    const stored = same.body.share as Share;
    const odd: Share = { ...stored, id: 'odd-share', cron: '* * * * * *', status: 'paused' };
    await emulator.store.shares.put(odd.id, odd, odd.appId);
    const resume = await call<{ message: string }>(emulator, 'POST', '/_spoke/shares/odd-share/resume');
    expect(resume.status).toBe(400);
    expect(resume.body.message).toContain('weekly (0 9 * * 1)');
    expect(emulator.armedShares()).toEqual([stored.id]);
  });

  test('rejects an invalid cron and pausing a one-off share', async () => {
    const { emulator } = await setup();
    const bad = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'weekly',
      cron: 'every tuesday',
    });
    expect(bad.status).toBe(400);
    const once = await call<ShareViaFlowResult>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {});
    expect((await call(emulator, 'POST', `/_spoke/shares/${once.body.share?.id}/pause`)).status).toBe(409);
  });

  test('schedules survive a restart: re-armed from the store and fired', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-share-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `file:${join(dir, 'emulator.db')}`;
    const service = fakeService(shareViaHandler());
    const firstStore = await createSqliteStore({ url });
    const first = await testEmulator({ store: firstStore, fetch: service.fetch });
    await call(first, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });
    const flow = await call<ShareViaFlowResult>(first, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'monthly',
    });
    const id = flow.body.share?.id ?? '';
    await first.close();
    await firstStore.close();

    // Restart just before 09:00 on the first of a month, on a manual clock, then move it to 09:00.
    const nine = new Date(2026, 6, 1, 9, 0, 0, 0).getTime();
    const timers = manualTimers(nine - 400);
    const store = await createSqliteStore({ url });
    const second = await testEmulator({
      store,
      fetch: service.fetch,
      clock: timers.now,
      scheduleTimers: timers,
    });
    cleanup.push(async () => {
      await second.close();
      await store.close();
    });
    expect(second.armedShares()).toEqual([id]);
    timers.advanceTo(nine);
    await vi.waitFor(
      async () => {
        const sends = await store.shareSends.list({ scope: id });
        expect(sends.some((s) => s.trigger === 'schedule' && s.outcome === 'ok')).toBe(true);
      },
      { timeout: 5_000, interval: 10 },
    );
  });
});
