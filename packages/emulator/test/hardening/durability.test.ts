import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EmulatorProcess, startEmulatorProcess } from './emulator-process.ts';
import { msSince, writeHardeningReport } from './hardening-report.ts';

/**
 * Issue 9, durability: the emulator runs as a real process (`spoke emulator --data <file>`), four
 * writers drive acknowledged writes through HTTP (developer API cards, control API records, Share
 * Via shares with their schedule, record opens that write the request log), and the process is
 * killed with SIGKILL at a seeded moment while writes are in flight. After each kill the file
 * passes `PRAGMA integrity_check` (on a copy, so the emulator does its own recovery), the emulator
 * restarts on it, and every write acknowledged in any round is there, whole and unchanged.
 */

const seed = 0x5b0ce;
const rounds = 6;
/** The kill comes this long after every writer has had a write acknowledged. */
const killAfterMs = { min: 0, max: 800 } as const;
/** Kill anyway if some writer has not got going by then. */
const warmUpLimitMs = 10_000;
const clientSecret = 'durability-secret';
const developerApiKey = 'durability-dev-key';
const appId = 1000;

/** mulberry32: a small seeded PRNG, so kill points repeat from run to run. */
function seededRandom(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A well-behaved service for the card fetches and the whole Share Via flow. */
async function startService() {
  const recipients = [
    { id: 'C1', name: 'general', type: 0 },
    { id: 'U1', name: 'Recipient One', type: 1 },
  ];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const event = path.split('/').at(-1) ?? '';
      const envelope = { portalId: body.portalId, appId: body.appId, eventType: event };
      const payloads: Record<string, unknown> = {
        CHECK_PERMISSIONS: { hasAllRequiredPermissions: true },
        FETCH_RECIPIENTS: { recipients: { total: recipients.length, results: recipients } },
        FETCH_RECIPIENT: { recipient: recipients.find((r) => r.id === body.payload?.id) },
        SHARE_OBJECT: { recipientUrl: `https://chat.test/${body.payload?.recipient?.id}` },
      };
      const reply = path.startsWith('/card')
        ? { results: [{ objectId: 1, title: 'Issue 1' }], totalCount: 1 }
        : { ...envelope, payload: payloads[event] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Kind = 'record' | 'app' | 'card' | 'card-update' | 'share' | 'log';

/** A write the emulator acknowledged with a 2xx, and how to find it again. */
interface Acked {
  kind: Kind;
  round: number;
  /** Path that reads it back. */
  path: string;
  /** What must be there: the whole acknowledged value, or the fields that cannot change. */
  expected: Record<string, unknown>;
  /** Compare only these keys (shares gain a next run time on restart). */
  keys?: readonly string[];
  /** card-update: the title must be this version or a later (unacknowledged) one. */
  minVersion?: number;
}

async function request(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown>,
  };
}

/** `PRAGMA integrity_check` on a copy of the data file (and its WAL), leaving the original untouched. */
async function integrityOfCopy(dataFile: string, dir: string, round: number): Promise<string> {
  const copy = join(dir, `check-${round}.db`);
  copyFileSync(dataFile, copy);
  if (existsSync(`${dataFile}-wal`)) copyFileSync(`${dataFile}-wal`, `${copy}-wal`);
  const client = createClient({ url: `file:${copy}` });
  try {
    const result = await client.execute('PRAGMA integrity_check');
    return String(result.rows[0]?.[0]);
  } finally {
    client.close();
  }
}

let dir: string;
let service: Awaited<ReturnType<typeof startService>>;
let running: EmulatorProcess | null = null;
const acked: Acked[] = [];
const roundsReport: Record<string, unknown>[] = [];
const verification = { checked: 0, found: 0, lost: [] as string[], changed: [] as string[] };
const wholeness = { recordsScanned: 0, cardsScanned: 0, sharesScanned: 0, sharesWithoutSend: 0 };
let finalIntegrity = '';
let setupCardId = '';
let contactId = '';
let updateVersion = 0;

/** The writers: each loops until the emulator stops answering, recording what was acknowledged. */
function writers(base: string, round: number, stats: Record<Kind | 'failed', number>) {
  let stop = false;
  const ack = (entry: Acked) => {
    acked.push(entry);
    stats[entry.kind] += 1;
  };
  const loop = (step: (n: number) => Promise<void>) => async () => {
    for (let n = 0; !stop; n++) {
      try {
        await step(n);
      } catch {
        // The process died mid-request: that write was not acknowledged.
        stats.failed += 1;
        return;
      }
    }
  };
  const records = loop(async (n) => {
    const res = await request(base, 'POST', '/_spoke/records/contacts', {
      properties: {
        email: `r${round}-${n}@durability.test`,
        firstname: `Round ${round}`,
        lastname: `No ${n}`,
      },
    });
    if (res.status !== 201) throw new Error(`record ${res.status}`);
    ack({ kind: 'record', round, path: `/_spoke/records/contacts/${res.body.id}`, expected: res.body });
  });
  const cards = loop(async (n) => {
    const app = await request(base, 'POST', '/_spoke/apps', {
      name: `Round ${round} app ${n}`,
      developerApiKey,
    });
    if (app.status !== 201) throw new Error(`app ${app.status}`);
    ack({ kind: 'app', round, path: `/_spoke/apps/${app.body.id}`, expected: app.body });
    for (let i = 0; i < 3 && !stop; i++) {
      const card = await request(
        base,
        'POST',
        `/crm/v3/extensions/cards/${app.body.id}?hapikey=${developerApiKey}`,
        {
          title: `Round ${round} card ${n}.${i}`,
          fetch: {
            targetUrl: `${service.url}/card`,
            objectTypes: [{ name: 'contacts', propertiesToSend: ['email'] }],
          },
          display: { properties: [] },
          actions: { baseUrls: [service.url] },
        },
      );
      if (card.status !== 201) throw new Error(`card ${card.status}`);
      ack({
        kind: 'card',
        round,
        path: `/crm/v3/extensions/cards/${app.body.id}/${card.body.id}?hapikey=${developerApiKey}`,
        expected: card.body,
      });
    }
    const version = ++updateVersion;
    const patched = await request(
      base,
      'PATCH',
      `/crm/v3/extensions/cards/${appId}/${setupCardId}?hapikey=${developerApiKey}`,
      { title: `Version ${version}` },
    );
    if (patched.status !== 200) throw new Error(`card update ${patched.status}`);
    ack({
      kind: 'card-update',
      round,
      path: `/crm/v3/extensions/cards/${appId}/${setupCardId}?hapikey=${developerApiKey}`,
      expected: {},
      minVersion: version,
    });
  });
  const shares = loop(async (n) => {
    const res = await request(base, 'POST', `/_spoke/apps/${appId}/share-via/flow`, {
      frequency: n % 2 === 0 ? 'daily' : 'now',
      message: `round ${round} share ${n}`,
    });
    const share = res.body?.share as Record<string, unknown> | null;
    const send = res.body?.send as Record<string, unknown> | null;
    if (res.status !== 200 || !share || !send) throw new Error(`share ${res.status}`);
    ack({
      kind: 'share',
      round,
      path: `/_spoke/shares/${share.id}`,
      expected: { ...share, sendIds: [send.id] },
      keys: ['id', 'appId', 'recipient', 'message', 'frequency', 'cron', 'createdAt', 'sendIds'],
    });
  });
  const log = loop(async () => {
    const res = await request(base, 'POST', `/_spoke/records/contacts/${contactId}/cards`, { appId });
    const exchanges = (res.body?.exchanges ?? []) as Record<string, unknown>[];
    if (res.status !== 200 || exchanges.length === 0) throw new Error(`open record ${res.status}`);
    for (const exchange of exchanges) {
      ack({ kind: 'log', round, path: `/_spoke/requests/${exchange.id}`, expected: exchange });
    }
  });
  const done = Promise.all([records(), cards(), shares(), log()]);
  return {
    done,
    halt: () => {
      stop = true;
    },
  };
}

/** Reads every acknowledged write back from a running emulator, 16 at a time. */
async function verifyAcked(base: string) {
  const lost: string[] = [];
  const changed: string[] = [];
  let found = 0;
  let next = 0;
  const worker = async () => {
    while (next < acked.length) {
      const entry = acked[next++] as Acked;
      const res = await request(base, 'GET', entry.path);
      if (res.status !== 200) {
        lost.push(`${entry.kind} ${entry.path} (round ${entry.round}): ${res.status}`);
        continue;
      }
      found += 1;
      let actual: Record<string, unknown> = res.body;
      let expected = entry.expected;
      if (entry.kind === 'share') {
        const sends = (res.body.sends ?? []) as { id: string }[];
        const ackedSends = entry.expected.sendIds as string[];
        actual = { ...res.body, sendIds: sends.map((s) => s.id).filter((id) => ackedSends.includes(id)) };
      }
      if (entry.keys) {
        actual = Object.fromEntries(entry.keys.map((k) => [k, actual[k]]));
        expected = Object.fromEntries(entry.keys.map((k) => [k, expected[k]]));
      }
      if (entry.kind === 'card-update') {
        const version = Number(/^Version (\d+)$/.exec(String(res.body.title))?.[1] ?? -1);
        if (version < (entry.minVersion ?? 0))
          changed.push(
            `${entry.path}: title ${res.body.title} older than acknowledged version ${entry.minVersion}`,
          );
        continue;
      }
      // Key order may differ (the store decodes rows through the schemas); values may not.
      if (!isDeepStrictEqual(actual, expected)) {
        changed.push(`${entry.kind} ${entry.path} (round ${entry.round}) is not what was acknowledged`);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { checked: acked.length, found, lost, changed };
}

/** Everything in the store decodes (GET /_spoke/state reads every row) and nothing is half there. */
async function checkWholeness(base: string) {
  const state = await request(base, 'GET', '/_spoke/state');
  if (state.status !== 200) throw new Error(`GET /_spoke/state answered ${state.status}`);
  const records = (state.body.records ?? []) as { properties: Record<string, string> }[];
  const ours = records.filter((r) => r.properties.email?.endsWith('@durability.test'));
  for (const r of ours) {
    expect(r.properties.firstname).toMatch(/^Round \d+$/);
    expect(r.properties.lastname).toMatch(/^No \d+$/);
  }
  const cards = (state.body.cards ?? []) as { card: { title: string; fetch: { targetUrl: string } } }[];
  for (const { card } of cards) expect(card.fetch.targetUrl).toBe(`${service.url}/card`);
  const shares = (state.body.shares ?? []) as { id: string }[];
  const sends = (state.body.shareSends ?? []) as { shareId: string }[];
  const withSend = new Set(sends.map((s) => s.shareId));
  wholeness.recordsScanned = ours.length;
  wholeness.cardsScanned = cards.length;
  wholeness.sharesScanned = shares.length;
  wholeness.sharesWithoutSend = shares.filter((s) => !withSend.has(s.id)).length;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spoke-durability-'));
  service = await startService();
});

afterAll(async () => {
  await running?.kill();
  await service?.close();
  const totals = Object.fromEntries(
    (['record', 'app', 'card', 'card-update', 'share', 'log'] as const).map((kind) => [
      kind,
      acked.filter((a) => a.kind === kind).length,
    ]),
  );
  writeHardeningReport('durability', {
    generatedAt: new Date().toISOString(),
    node: process.version,
    seed,
    roundsPlanned: rounds,
    killAfterMs,
    store: 'SQLite file via @libsql/client, journal_mode=WAL, synchronous=NORMAL',
    kills: roundsReport.length,
    acknowledgedWrites: acked.length,
    acknowledgedByKind: totals,
    found: verification.found,
    lost: verification.lost.length,
    changed: verification.changed.length,
    wholeness,
    finalIntegrity,
    perRound: roundsReport,
  });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('durability under SIGKILL', () => {
  test(`${rounds} kills at seeded points lose no acknowledged write and leave a clean store`, async () => {
    const random = seededRandom(seed);
    const dataFile = join(dir, 'emulator.db');
    const start = () => startEmulatorProcess({ dataFile, clientSecret, developerApiKey });

    // Round 0 sets the app up: a Share Via target and one card to open and to update.
    running = await start();
    let base = running.url;
    expect(
      (await request(base, 'PUT', `/_spoke/apps/${appId}/share-via`, { targetUrl: `${service.url}/share/` }))
        .status,
    ).toBe(200);
    const card = await request(base, 'POST', `/crm/v3/extensions/cards/${appId}?hapikey=${developerApiKey}`, {
      title: 'Version 0',
      fetch: {
        targetUrl: `${service.url}/card`,
        objectTypes: [{ name: 'contacts', propertiesToSend: ['email'] }],
      },
      display: { properties: [] },
      actions: { baseUrls: [service.url] },
    });
    expect(card.status).toBe(201);
    setupCardId = String(card.body.id);
    const contacts = await request(base, 'GET', '/_spoke/records/contacts');
    contactId = String((contacts.body.results as { id: string }[])[0]?.id);

    for (let round = 1; round <= rounds; round++) {
      const stats: Record<Kind | 'failed', number> = {
        record: 0,
        app: 0,
        card: 0,
        'card-update': 0,
        share: 0,
        log: 0,
        failed: 0,
      };
      const delay = Math.round(killAfterMs.min + random() * (killAfterMs.max - killAfterMs.min));
      const run = writers(base, round, stats);
      // A fresh process compiles as it goes: let every writer get going, then kill at the seeded delay.
      const warming = performance.now();
      const warm = () => stats.record > 0 && stats.card > 0 && stats.share > 0 && stats.log > 0;
      while (!warm() && performance.now() - warming < warmUpLimitMs) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      const current = running;
      await current.kill();
      const { signal } = await current.exited;
      run.halt();
      await run.done;
      const integrity = await integrityOfCopy(dataFile, dir, round);
      const restartedAt = performance.now();
      running = await start();
      const startupMs = msSince(restartedAt);
      base = running.url;
      const result = await verifyAcked(base);
      await checkWholeness(base);
      roundsReport.push({
        round,
        killAfterMs: delay,
        signal,
        acknowledged: Object.fromEntries(Object.entries(stats).filter(([k]) => k !== 'failed')),
        inFlightAtKill: stats.failed,
        integrity,
        restartMs: startupMs,
        cumulativeAcknowledged: result.checked,
        found: result.found,
        lost: result.lost.length,
        changed: result.changed.length,
      });
      Object.assign(verification, result);
      expect(signal).toBe('SIGKILL');
      expect(integrity).toBe('ok');
      expect(result.lost).toEqual([]);
      expect(result.changed).toEqual([]);
      // A share and the send that created it are one transaction: never one without the other.
      expect(wholeness.sharesWithoutSend).toBe(0);
      expect(wholeness.sharesScanned).toBeGreaterThanOrEqual(acked.filter((a) => a.kind === 'share').length);
    }

    // A clean stop closes the store; the file itself then checks out.
    await running.stop();
    running = null;
    const client = createClient({ url: `file:${dataFile}` });
    try {
      finalIntegrity = String((await client.execute('PRAGMA integrity_check')).rows[0]?.[0]);
    } finally {
      client.close();
    }
    expect(finalIntegrity).toBe('ok');
    expect(roundsReport).toHaveLength(rounds);
    // Every kind of write was acknowledged at least once, so each one was really exercised.
    for (const kind of ['record', 'app', 'card', 'card-update', 'share', 'log'] as const) {
      expect(acked.filter((a) => a.kind === kind).length, kind).toBeGreaterThan(0);
    }
    expect(verification.found).toBe(acked.length);
  }, 120_000);
});
