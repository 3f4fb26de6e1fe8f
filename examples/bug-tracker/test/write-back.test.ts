import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@spoke/framework';
import { describe, expect, test, vi } from 'vitest';
import { freePort } from '../../../tests/helpers/free-port.ts';
import type { RecordRef } from '../src/domain/issue.ts';
import { formPost, hiddenInputs, selectedOption } from './helpers/form-fields.ts';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import {
  hubspotOptions,
  installTracker,
  recordingLogger,
  trackerOnHubSpot,
  useTestHubSpot,
} from './helpers/test-hubspot.ts';
import {
  baseUrl,
  plainIssue,
  portalId,
  type TestTracker,
  type TestTrackerOptions,
} from './helpers/test-tracker.ts';

interface RecordBody {
  id: string;
  properties: Record<string, string>;
}

const issueFields = {
  title: 'Export drops the last row',
  description: '',
  state: 'open',
  revenue: '100',
  currency: 'USD',
  dueDate: '',
  assigneeId: '',
  votes: '0',
  reporterEmail: '',
};

/** Files an issue on `contact` through the card's New issue IFRAME form, as a user does. */
async function fileIssue(t: TestTracker, contact: RecordRef): Promise<number> {
  const card = await t.client.cardFetch('/hubspot/card', {
    params: { associatedObjectId: contact.objectId },
  });
  const link = (card.body.primaryAction?.uri ?? '').slice(baseUrl.length);
  const form = await (await t.page(link)).text();
  const posted = await t.page(
    '/hubspot/iframe/new-issue',
    formPost({ ...hiddenInputs(form), ...issueFields, projectId: selectedOption(form, 'projectId') ?? '' }),
  );
  expect(posted.status).toBe(201);
  const { issues } = await t.store.issues.list({ record: contact }, { limit: 1 });
  return issues[0]?.id ?? 0;
}

describe.each(databaseKinds)('open_issues written back to HubSpot contacts, on %s', (kind) => {
  const databases = useTestDatabases(kind);
  const hubspot = useTestHubSpot();
  const tracker = async (extra: TestTrackerOptions = {}) =>
    trackerOnHubSpot(await databases.open(), hubspot, { seed: true, ...extra });
  /**
   * Installs a tracker in the emulator, then serves its database again with a tracker that logs to
   * `logger` and finds HubSpot's API where `reach` says (down, or slow).
   */
  const installedThenReaching = async (logger: Logger, reach: Parameters<typeof hubspotOptions>[1]) => {
    const db = await databases.open();
    await installTracker(await trackerOnHubSpot(db, hubspot), hubspot);
    return trackerOnHubSpot(db, hubspot, { seed: false, logger, hubspot: hubspotOptions(hubspot, reach) });
  };
  /** A new contact in the emulator's portal 62515, as the tracker's record. */
  const newContact = async (): Promise<RecordRef> => {
    const created = await hubspot.call<RecordBody>('POST', '/_spoke/records/contacts', {
      properties: { email: `c${Math.random().toString(36).slice(2)}@example.com`, firstname: 'Test' },
    });
    expect(created.status).toBe(201);
    return { portalId, objectType: 'CONTACT', objectId: created.body.id };
  };
  const openIssuesOf = async (contact: RecordRef) =>
    (await hubspot.call<RecordBody>('GET', `/_spoke/records/contacts/${contact.objectId}`)).body.properties
      .open_issues;

  test('filing an issue on a contact sets its open_issues; closing and deleting lower it', async () => {
    const t = await tracker();
    await installTracker(t, hubspot);
    const contact = await newContact();
    expect(await openIssuesOf(contact)).toBeUndefined();
    const first = await fileIssue(t, contact);
    expect(await openIssuesOf(contact)).toBe('1');
    const second = await fileIssue(t, contact);
    expect(await openIssuesOf(contact)).toBe('2');
    const closed = await t.client.actionHook(`/hubspot/actions/close-issue?issueId=${first}`, {
      method: 'POST',
      fields: { associatedObjectId: contact.objectId },
    });
    expect(closed.body).toEqual({ message: `BUG-${first} closed.` });
    expect(await openIssuesOf(contact)).toBe('1');
    const deleted = await t.client.actionHook(`/hubspot/actions/delete-issue?issueId=${second}`, {
      method: 'DELETE',
      fields: { associatedObjectId: contact.objectId },
    });
    expect(deleted.body).toEqual({ message: `BUG-${second} deleted.` });
    expect(await openIssuesOf(contact)).toBe('0');
  });

  test('installing writes open_issues on every contact of the portal that has issues (a first sync)', async () => {
    const t = await tracker({ seed: false });
    const [withIssues, without] = [await newContact(), await newContact()];
    const elsewhere: RecordRef = { ...withIssues, portalId: 999 };
    const projectId = (await t.store.team.addProject('SYNC', 'Sync')).id;
    for (const state of ['open', 'blocked', 'closed'] as const) {
      await t.store.issues.create(plainIssue(projectId, `A ${state} issue`, { state }), [
        withIssues,
        elsewhere,
      ]);
    }
    await installTracker(t, hubspot);
    expect(await openIssuesOf(withIssues)).toBe('2');
    expect(await openIssuesOf(without)).toBeUndefined();
  });

  test('closing an issue in the Edit form lowers open_issues, and reopening it raises it again', async () => {
    const t = await tracker();
    await installTracker(t, hubspot);
    const contact = await newContact();
    await fileIssue(t, contact);
    expect(await openIssuesOf(contact)).toBe('1');
    // The card's Edit link (signed for this issue), opened again to reopen it once it left the card.
    const card = await t.client.cardFetch('/hubspot/card', {
      params: { associatedObjectId: contact.objectId },
    });
    const link = (card.body.results[0]?.actions?.[0]?.uri ?? '').slice(baseUrl.length);
    const save = async (state: string) => {
      const form = await (await t.page(link)).text();
      const saved = await t.page(
        '/hubspot/iframe/edit-issue',
        formPost({
          ...hiddenInputs(form),
          ...issueFields,
          state,
          projectId: selectedOption(form, 'projectId') ?? '',
        }),
      );
      expect(saved.status).toBe(200);
    };
    await save('closed');
    expect(await openIssuesOf(contact)).toBe('0');
    await hubspot.call('PATCH', `/_spoke/records/contacts/${contact.objectId}`, {
      properties: { open_issues: 'stale' },
    });
    await save('in_progress'); // reopened
    expect(await openIssuesOf(contact)).toBe('1');
  });

  test('a token close to expiry is refreshed before the write', async () => {
    const t = await tracker();
    await installTracker(t, hubspot);
    const before = await t.store.installs.get(portalId);
    hubspot.clock.advance(31 * 60_000); // the stored access token has expired
    const contact = await newContact();
    await fileIssue(t, contact);
    expect(await openIssuesOf(contact)).toBe('1');
    expect((await t.store.installs.get(portalId))?.accessToken).not.toBe(before?.accessToken);
  });

  test('HubSpot down: Close issue still answers, and the failed write is logged', async () => {
    const logger = recordingLogger();
    const down = `http://127.0.0.1:${await freePort()}`;
    const t = await installedThenReaching(logger, { apiUrl: down });
    const contact = await newContact();
    const id = await fileIssue(t, contact);
    const closed = await t.client.actionHook(`/hubspot/actions/close-issue?issueId=${id}`, {
      method: 'POST',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ message: `BUG-${id} closed.` });
    expect((await t.store.issues.get(id))?.state).toBe('closed');
    const warnings = logger.lines.filter((line) => line.startsWith('warn '));
    expect(warnings).toHaveLength(2); // the filing and the close
    expect(warnings[1]?.endsWith('See docs/errors.md#tracker-write-back-failed')).toBe(true); // TRACKER_WRITE_BACK_FAILED
    expect(warnings[1]).toMatch(
      new RegExp(
        `^warn \\[bug-tracker\\] portal 62515, contact ${contact.objectId}: could not write open_issues to HubSpot \\(HubSpot at ${down} could not be reached .*docs/errors\\.md#tracker-write-back-failed$`,
      ),
    );
  });

  test('a write HubSpot refuses (no such contact) is logged with its answer; the action still works', async () => {
    const logger = recordingLogger();
    const t = await tracker({ logger });
    await installTracker(t, hubspot);
    const missing: RecordRef = { portalId, objectType: 'CONTACT', objectId: '987654321' };
    await fileIssue(t, missing);
    expect(logger.lines.at(-1)).toMatch(
      /^warn \[bug-tracker\] portal 62515, contact 987654321: could not write open_issues to HubSpot \(HubSpot answered 404 OBJECT_NOT_FOUND: .+\); the action itself worked/,
    );
  });

  test('HubSpot slow: the action answers after the wait, and the write ends in the background', async () => {
    const held: ServerResponse[] = [];
    const seen: string[] = [];
    const slow = createServer((req: IncomingMessage, res) => {
      seen.push(`${req.method} ${req.url}`);
      held.push(res);
    });
    await new Promise<void>((done) => slow.listen(0, '127.0.0.1', done));
    try {
      const logger = recordingLogger();
      const t = await installedThenReaching(logger, {
        apiUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
        writeBackWaitMs: 50,
      });
      const contact = await newContact();
      const issue = await t.store.issues.create(
        plainIssue((await t.store.team.projects())[0]?.id ?? 0, 'Slow'),
        [contact],
      );
      const closed = await t.client.actionHook(`/hubspot/actions/close-issue?issueId=${issue.id}`, {
        method: 'POST',
      });
      expect(closed.body).toEqual({ message: `BUG-${issue.id} closed.` });
      expect(seen).toEqual([`PATCH /crm/v3/objects/contacts/${contact.objectId}`]);
      expect(logger.lines.at(-1)).toMatch(
        /^warn \[bug-tracker\] HubSpot did not answer the open_issues write-back within 50 ms; answering now/,
      );
      // HubSpot answers at last: the write's outcome is logged.
      for (const res of held) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: contact.objectId, properties: { open_issues: '0' } }));
      }
      await vi.waitFor(() =>
        expect(logger.lines.at(-1)).toBe(
          `debug [bug-tracker] portal 62515, contact ${contact.objectId}: open_issues = 0 written to HubSpot`,
        ),
      );
    } finally {
      slow.closeAllConnections();
      await new Promise((done) => slow.close(done));
    }
  });
});
