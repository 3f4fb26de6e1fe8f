import { describe, expect, test } from 'vitest';
import { migrate } from '../src/db/migrate.ts';
import { migrations } from '../src/db/migrations.ts';
import type { IssueFields, RecordRef } from '../src/domain/issue.ts';
import { createTrackerStore, type TrackerStore } from '../src/store/tracker-store.ts';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import { manualClock } from './helpers/test-tracker.ts';

const contact: RecordRef = { portalId: 1, objectType: 'CONTACT', objectId: '501' };

async function newStore(open: () => ReturnType<ReturnType<typeof useTestDatabases>['open']>) {
  const db = await open();
  const clock = manualClock();
  await migrate(db, { now: clock.now });
  const store = createTrackerStore(db, clock.now);
  const project = await store.team.addProject('WEB', 'Web app');
  const member = await store.team.addMember('Ada Lovelace', 'ada@bugtracker.example');
  const fields = (overrides: Partial<IssueFields> = {}): IssueFields => ({
    projectId: project.id,
    title: 'Checkout fails',
    description: '',
    state: 'open',
    revenueCents: 125_050,
    currency: 'USD',
    dueDate: '2026-04-01',
    assigneeId: member.id,
    votes: 3,
    reporterEmail: 'maria@acme.example',
    ...overrides,
  });
  return { db, clock, store, project, member, fields };
}

async function fileMany(
  store: TrackerStore,
  count: number,
  make: (i: number) => IssueFields,
  clock: { advance(ms: number): void },
) {
  for (let i = 0; i < count; i += 1) {
    await store.issues.create(make(i), [contact]);
    clock.advance(1_000);
  }
}

describe.each(databaseKinds)('tracker store on %s', (kind) => {
  const databases = useTestDatabases(kind);

  test('applies every migration once and nothing on a second run', async () => {
    const db = await databases.open();
    expect((await migrate(db)).applied).toEqual(migrations.map((m) => m.id));
    expect((await migrate(db)).applied).toEqual([]);
  });

  test('refuses a database migrated by a newer release', async () => {
    const db = await databases.open();
    await migrate(db);
    await db.transaction((tx) =>
      tx.query("INSERT INTO tracker_migrations (id, name, applied_at) VALUES (99, 'from the future', 'x')"),
    );
    await expect(migrate(db)).rejects.toMatchObject({ code: 'TRACKER_SCHEMA_TOO_NEW' });
  });

  test('rolls a failed transaction back whole', async () => {
    const { db, store } = await newStore(databases.open);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO projects (key, name, created_at) VALUES ('TMP', 'Temporary', 'x')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.team.projects()).map((p) => p.key)).toEqual(['WEB']);
  });

  test('files an issue with its record link and reads it back with project and assignee', async () => {
    const { store, fields, project, member } = await newStore(databases.open);
    const issue = await store.issues.create(fields(), [contact]);
    expect(issue).toMatchObject({
      project: { id: project.id, key: 'WEB' },
      title: 'Checkout fails',
      state: 'open',
      revenueCents: 125_050,
      dueDate: '2026-04-01',
      assignee: { id: member.id, email: 'ada@bugtracker.example' },
      closedAt: null,
    });
    expect(await store.issues.links(issue.id)).toEqual([contact]);
    expect(await store.issues.get(issue.id)).toEqual(issue);
  });

  test("lists a record's open issues newest first with the total of all that match", async () => {
    const { store, fields, clock } = await newStore(databases.open);
    await fileMany(
      store,
      7,
      (i) => fields({ title: `issue ${i}`, state: i === 0 ? 'closed' : 'open' }),
      clock,
    );
    await store.issues.create(fields({ title: 'other record' }), [{ ...contact, objectId: '502' }]);
    const page = await store.issues.list({ record: contact }, { limit: 5 });
    expect(page.total).toBe(6);
    expect(page.issues.map((i) => i.title)).toEqual(['issue 6', 'issue 5', 'issue 4', 'issue 3', 'issue 2']);
    const all = await store.issues.list({ record: contact, state: 'all' }, { limit: 50 });
    expect(all.total).toBe(7);
  });

  test('closes an issue once, stamping closedAt, and reports a second close', async () => {
    const { store, fields } = await newStore(databases.open);
    const issue = await store.issues.create(fields(), [contact]);
    const first = await store.issues.close(issue.id, contact.portalId);
    expect(first).toMatchObject({ type: 'closed', issue: { state: 'closed' } });
    expect(first.type === 'closed' && first.issue.closedAt).toBeTruthy();
    expect(await store.issues.close(issue.id, contact.portalId)).toMatchObject({ type: 'already-closed' });
  });

  test('does not close or delete an issue for a portal it is not attached to', async () => {
    const { store, fields } = await newStore(databases.open);
    const issue = await store.issues.create(fields(), [contact]);
    expect(await store.issues.close(issue.id, 999)).toEqual({ type: 'not-found' });
    expect(await store.issues.delete(issue.id, 999)).toBeNull();
    expect(await store.issues.get(issue.id, 999)).toBeNull();
    expect((await store.issues.get(issue.id))?.state).toBe('open');
  });

  test('deletes an issue and its links', async () => {
    const { store, fields } = await newStore(databases.open);
    const issue = await store.issues.create(fields(), [contact]);
    expect((await store.issues.delete(issue.id, contact.portalId))?.id).toBe(issue.id);
    expect(await store.issues.get(issue.id)).toBeNull();
    expect(await store.issues.links(issue.id)).toEqual([]);
  });

  test('updates an issue and clears closedAt when it is reopened', async () => {
    const { store, fields } = await newStore(databases.open);
    const issue = await store.issues.create(fields({ state: 'closed' }), [contact]);
    expect(issue.closedAt).not.toBeNull();
    const reopened = await store.issues.update(
      issue.id,
      fields({ state: 'blocked', title: 'Renamed', assigneeId: null }),
    );
    expect(reopened).toMatchObject({ state: 'blocked', title: 'Renamed', assignee: null, closedAt: null });
  });

  test('searches projects then members by a case-insensitive name part, with wildcards taken literally', async () => {
    const { store } = await newStore(databases.open);
    await store.team.addProject('PCT', 'Growth 100%');
    await store.team.addMember('Grace Hopper', 'grace@bugtracker.example');
    const found = await store.team.search({ name: 'GR', limit: 10, offset: 0 });
    expect(found.entries.map((e) => [e.feed.kind, e.name])).toEqual([
      ['project', 'Growth 100%'],
      ['member', 'Grace Hopper'],
    ]);
    expect((await store.team.search({ name: '%', limit: 10, offset: 0 })).entries.map((e) => e.name)).toEqual(
      ['Growth 100%'],
    );
    expect((await store.team.search({ name: '_', limit: 10, offset: 0 })).total).toBe(0);
  });

  test('pages through the team with a stable order and a total', async () => {
    const { store } = await newStore(databases.open);
    for (const name of ['Bravo', 'Alpha', 'Charlie']) await store.team.addMember(name, `${name}@x.example`);
    const first = await store.team.search({ kind: 'member', limit: 2, offset: 0 });
    const second = await store.team.search({ kind: 'member', limit: 2, offset: 2 });
    expect(first.total).toBe(4);
    expect([...first.entries, ...second.entries].map((e) => e.name)).toEqual([
      'Ada Lovelace',
      'Alpha',
      'Bravo',
      'Charlie',
    ]);
  });

  test('keeps posts on their own feed, newest first', async () => {
    const { store, project, member, clock } = await newStore(databases.open);
    const base = {
      portalId: 1,
      senderUserId: 7,
      message: '',
      objectId: 2334567,
      objectType: 2,
      screenshotUrl: null,
    };
    await store.posts.add({ ...base, feed: { kind: 'project', id: project.id }, objectName: 'First' });
    clock.advance(1_000);
    await store.posts.add({ ...base, feed: { kind: 'project', id: project.id }, objectName: 'Second' });
    await store.posts.add({ ...base, feed: { kind: 'member', id: member.id }, objectName: 'For Ada' });
    expect(
      (await store.posts.feed({ kind: 'project', id: project.id }, 10)).map((p) => p.objectName),
    ).toEqual(['Second', 'First']);
    expect((await store.posts.feed({ kind: 'member', id: member.id }, 10)).map((p) => p.objectName)).toEqual([
      'For Ada',
    ]);
  });

  test('saves portal settings, replacing earlier ones, and answers defaults for others', async () => {
    const { store, project } = await newStore(databases.open);
    expect(await store.settings.get(5)).toEqual({ portalId: 5, defaultProjectId: null, currency: 'USD' });
    await store.settings.save({ portalId: 5, defaultProjectId: project.id, currency: 'EUR' });
    await store.settings.save({ portalId: 5, defaultProjectId: null, currency: 'GBP' });
    expect(await store.settings.get(5)).toEqual({ portalId: 5, defaultProjectId: null, currency: 'GBP' });
  });

  test('lists support lines in the order they were added', async () => {
    const { store } = await newStore(databases.open);
    await store.supportLines.add({ e164: '+18005550100', extension: null, friendlyName: 'US' });
    await store.supportLines.add({ e164: '+18005550100', extension: '2', friendlyName: 'Billing' });
    expect((await store.supportLines.list()).map((l) => [l.friendlyName, l.extension])).toEqual([
      ['US', null],
      ['Billing', '2'],
    ]);
  });

  test('runs concurrent writes without losing any', async () => {
    const { store, fields } = await newStore(databases.open);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.issues.create(fields({ title: `t${i}` }), [contact])),
    );
    expect((await store.issues.list({ record: contact }, { limit: 50 })).total).toBe(20);
  });
});
