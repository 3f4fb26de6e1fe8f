import type { Logger } from '@spoke/framework';
import { createTestClient, type TestClient } from '@spoke/framework/testing';
import { type BugTracker, type BugTrackerOptions, createBugTracker } from '../../src/create-bug-tracker.ts';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { IssueFields, RecordRef } from '../../src/domain/issue.ts';
import { createTrackerStore, type TrackerStore } from '../../src/store/tracker-store.ts';

export const testSecret = 'test-client-secret';
export const portalId = 62515;
/** A contact with seven demo issues (six open). */
export const maria: RecordRef = { portalId, objectType: 'CONTACT', objectId: '101' };
/** A company with a few demo issues. */
export const acme: RecordRef = { portalId, objectType: 'COMPANY', objectId: '107' };

/** The fields of a plain issue in `projectId`: open, no revenue, no due date, no one assigned, unless `extra` says otherwise. */
export function plainIssue(projectId: number, title: string, extra: Partial<IssueFields> = {}): IssueFields {
  return {
    projectId,
    title,
    description: '',
    state: 'open',
    revenueCents: 0,
    currency: 'USD',
    dueDate: null,
    assigneeId: null,
    votes: 0,
    reporterEmail: null,
    ...extra,
  };
}

/** A clock the test moves by hand. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-03-02T09:00:00.000Z')): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

/** A tracker on a migrated, demo-seeded database, with a signing test client. */
export interface TestTracker {
  readonly tracker: BugTracker;
  readonly store: TrackerStore;
  readonly client: TestClient;
  readonly clock: ManualClock;
  /** A page request through the tracker's fetch (not signed: pages are not HubSpot calls). */
  page(path: string, init?: RequestInit): Promise<Response>;
}

/** Options of {@link createTestTracker}. */
export interface TestTrackerOptions {
  publicUrl?: string;
  trustProxy?: boolean;
  /** Seed the demo team and issues on `maria` and `acme`. @default true */
  seed?: boolean;
  /** The app's OAuth settings: install through `/oauth/install` and write back. @default none */
  hubspot?: BugTrackerOptions['hubspot'];
  /** A clock shared with something else (an emulator). @default a new manual clock */
  clock?: ManualClock;
  /** @default a logger that drops everything */
  logger?: Logger;
}

export const baseUrl = 'http://tracker.test';

/** Migrates `db`, seeds it, and builds the tracker and a client that signs like HubSpot. */
export async function createTestTracker(
  db: Database,
  options: TestTrackerOptions = {},
): Promise<TestTracker> {
  const clock = options.clock ?? manualClock();
  await migrate(db, { now: clock.now });
  const store = createTrackerStore(db, clock.now);
  if (options.seed ?? true) await seedDemo(store, { records: [maria, acme], now: clock.now() });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const tracker = createBugTracker({
    store,
    clientSecrets: [testSecret],
    clock,
    logger: options.logger ?? quiet,
    ...(options.hubspot === undefined ? {} : { hubspot: options.hubspot }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const client = createTestClient(tracker.app, {
    clientSecret: testSecret,
    clock,
    baseUrl,
    portalId,
    fetch: tracker.fetch,
  });
  return {
    tracker,
    store,
    client,
    clock,
    page: (path, init) => tracker.fetch(new Request(`${baseUrl}${path}`, init)),
  };
}
