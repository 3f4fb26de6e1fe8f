import { describe, expect, test } from 'vitest';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import { baseUrl, createTestTracker, maria, portalId, type TestTracker } from './helpers/test-tracker.ts';

const shareVia = '/hubspot/share-via';

interface RecipientsReply {
  payload: {
    recipients: {
      total: number;
      results: { id: string; name: string; type: number }[];
      nextPageAfter?: string;
    };
  };
}

async function firstOpenIssue(t: TestTracker) {
  const { issues } = await t.store.issues.list({ record: maria }, { limit: 1 });
  const issue = issues[0];
  if (issue === undefined) throw new Error('the demo data has no open issue on maria');
  return issue;
}

describe.each(databaseKinds)('HubSpot calls on %s', (kind) => {
  const databases = useTestDatabases(kind);

  describe('action hooks', () => {
    test('Close issue closes it and says so; a second close says it was already closed', async () => {
      const t = await createTestTracker(await databases.open());
      const issue = await firstOpenIssue(t);
      const path = `/hubspot/actions/close-issue?issueId=${issue.id}`;
      const first = await t.client.actionHook(path, { method: 'POST' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ message: `BUG-${issue.id} closed.` });
      expect((await t.store.issues.get(issue.id))?.state).toBe('closed');
      const second = await t.client.actionHook(path, { method: 'POST' });
      expect(second.body).toEqual({ message: `BUG-${issue.id} was already closed.` });
      const card = await t.client.cardFetch('/hubspot/card', {
        params: { associatedObjectId: maria.objectId },
      });
      expect(card.body.totalCount).toBe(5);
    });

    test('Close issue accepts the converter encoding (query plus JSON body)', async () => {
      const t = await createTestTracker(await databases.open());
      const issue = await firstOpenIssue(t);
      const response = await t.client.actionHook(`/hubspot/actions/close-issue?issueId=${issue.id}`, {
        method: 'POST',
        encoding: 'json',
      });
      expect(response.status).toBe(200);
      expect((await t.store.issues.get(issue.id))?.state).toBe('closed');
    });

    test('Close issue answers 404 TRACKER_ISSUE_NOT_FOUND for another portal or a missing id', async () => {
      const t = await createTestTracker(await databases.open());
      const issue = await firstOpenIssue(t);
      const otherPortal = await t.client.actionHook(`/hubspot/actions/close-issue?issueId=${issue.id}`, {
        method: 'POST',
        fields: { portalId: 1 },
      });
      expect(otherPortal.status).toBe(404);
      expect(otherPortal.error).toMatchObject({ code: 'TRACKER_ISSUE_NOT_FOUND' });
      const noId = await t.client.actionHook('/hubspot/actions/close-issue', { method: 'POST' });
      expect(noId.error).toMatchObject({ code: 'TRACKER_ISSUE_NOT_FOUND' });
      expect((await t.store.issues.get(issue.id))?.state).toBe('open');
    });

    test('Delete issue removes it; deleting again is a 404', async () => {
      const t = await createTestTracker(await databases.open());
      const issue = await firstOpenIssue(t);
      const path = `/hubspot/actions/delete-issue?issueId=${issue.id}`;
      const deleted = await t.client.actionHook(path, { method: 'DELETE' });
      expect(deleted.body).toEqual({ message: `BUG-${issue.id} deleted.` });
      expect(await t.store.issues.get(issue.id)).toBeNull();
      const again = await t.client.actionHook(path, { method: 'DELETE' });
      expect(again.error).toMatchObject({ code: 'TRACKER_ISSUE_NOT_FOUND' });
    });

    test('hooks answer only the method the card declares', async () => {
      const t = await createTestTracker(await databases.open());
      const issue = await firstOpenIssue(t);
      const response = await t.client.actionHook(`/hubspot/actions/delete-issue?issueId=${issue.id}`, {
        method: 'POST',
      });
      expect(response.status).toBe(405);
      expect(response.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    });
  });

  describe('Share Via', () => {
    test('grants upload-file and nothing it does not have', async () => {
      const t = await createTestTracker(await databases.open());
      const granted = await t.client.shareVia(shareVia, 'CHECK_PERMISSIONS', {
        requiredPermissions: ['upload-file'],
      });
      expect(granted.body).toEqual({
        portalId,
        appId: 54321,
        eventType: 'CHECK_PERMISSIONS',
        payload: { hasAllRequiredPermissions: true },
      });
      const older = await t.client.shareVia(
        shareVia,
        'CHECK_PERMISSIONS',
        { requiredPermissions: ['upload-file', 'delete-everything'] },
        { shape: 'older' },
      );
      expect(older.body.payload).toEqual({ hasAllRequiredPermissions: false });
    });

    test('lists projects as channels and members as users, filtered by name', async () => {
      const t = await createTestTracker(await databases.open());
      const channels = await t.client.shareVia(shareVia, 'FETCH_RECIPIENTS', {
        recipientsFilter: { type: 0, name: 'app' },
        limit: 10,
      });
      expect((channels.body as RecipientsReply).payload.recipients).toEqual({
        total: 2,
        results: [
          { id: expect.stringMatching(/^project-\d+$/), name: 'Mobile apps', type: 0 },
          { id: expect.stringMatching(/^project-\d+$/), name: 'Web app', type: 0 },
        ],
      });
      const users = await t.client.shareVia(shareVia, 'FETCH_RECIPIENTS', {
        recipientsFilter: { type: 1, name: 'GRACE' },
      });
      expect((users.body as RecipientsReply).payload.recipients.results).toEqual([
        { id: expect.stringMatching(/^member-\d+$/), name: 'Grace Hopper', type: 1 },
      ]);
    });

    test('pages through every recipient with its nextPageAfter cursor', async () => {
      const t = await createTestTracker(await databases.open());
      const seen: string[] = [];
      let cursor: string | undefined;
      let total = 0;
      for (let page = 0; page < 10; page += 1) {
        const reply = await t.client.shareVia(shareVia, 'FETCH_RECIPIENTS', {
          limit: 5,
          ...(cursor === undefined ? {} : { nextPageAfter: cursor }),
        });
        const { recipients } = (reply.body as RecipientsReply).payload;
        total = recipients.total;
        seen.push(...recipients.results.map((r) => r.id));
        cursor = recipients.nextPageAfter;
        if (cursor === undefined) break;
      }
      expect(total).toBe(14);
      expect(new Set(seen).size).toBe(14);
      expect(seen.slice(0, 6).every((id) => id.startsWith('project-'))).toBe(true);
    });

    test('refuses a cursor it did not make', async () => {
      const t = await createTestTracker(await databases.open());
      const reply = await t.client.shareVia(shareVia, 'FETCH_RECIPIENTS', { nextPageAfter: 'garbage' });
      expect(reply.status).toBe(400);
      expect(reply.error).toMatchObject({ code: 'TRACKER_CURSOR_INVALID' });
    });

    test('fetches one recipient, and 404s an unknown id or a type that does not match', async () => {
      const t = await createTestTracker(await databases.open());
      const [project] = await t.store.team.projects();
      const found = await t.client.shareVia(shareVia, 'FETCH_RECIPIENT', {
        id: `project-${project?.id}`,
        type: 0,
      });
      expect(found.body.payload).toEqual({
        recipient: { id: `project-${project?.id}`, name: project?.name, type: 0 },
      });
      const wrongType = await t.client.shareVia(shareVia, 'FETCH_RECIPIENT', {
        id: `project-${project?.id}`,
        type: 1,
      });
      expect(wrongType.error).toMatchObject({ code: 'TRACKER_RECIPIENT_NOT_FOUND' });
      const unknown = await t.client.shareVia(shareVia, 'FETCH_RECIPIENT', { id: 'project-9999', type: 0 });
      expect(unknown.status).toBe(404);
    });

    test('posts a shared report on the project feed and answers its URL', async () => {
      const t = await createTestTracker(await databases.open());
      const project = (await t.store.team.projects()).find((p) => p.key === 'WEB');
      const recipient = { id: `project-${project?.id}`, name: 'Web app', type: 0 };
      const shared = await t.client.shareVia(shareVia, 'SHARE_OBJECT', {
        sender: { id: 2387654 },
        recipient,
        message: 'Churn is up <b>again</b>',
        objectMetadata: {
          id: 2334567,
          type: 2,
          name: 'Chat Conversations',
          screenshotUrl: 'https://cdn.example/s.png',
        },
      });
      expect(shared.status).toBe(200);
      const { recipientUrl } = shared.body.payload as { recipientUrl: string };
      expect(recipientUrl).toMatch(new RegExp(`^${baseUrl}/projects/${project?.id}#post-\\d+$`));
      const page = await (await t.page(new URL(recipientUrl).pathname)).text();
      expect(page).toContain('Chat Conversations');
      expect(page).toContain('Churn is up &lt;b&gt;again&lt;/b&gt;');
    });

    test('answers 404 and stores nothing when the recipient is gone', async () => {
      const t = await createTestTracker(await databases.open());
      const shared = await t.client.shareVia(shareVia, 'SHARE_OBJECT', {
        sender: { id: 1 },
        recipient: { id: 'member-9999', name: 'Gone', type: 1 },
        objectMetadata: { id: 1, type: 2, name: 'Report' },
      });
      expect(shared.status).toBe(404);
      expect(shared.error).toMatchObject({ code: 'TRACKER_RECIPIENT_NOT_FOUND' });
    });
  });

  test('channel connection lists the support lines, extensions included', async () => {
    const t = await createTestTracker(await databases.open());
    const { status, body } = await t.client.channelConnection('/hubspot/channel-connection');
    expect(status).toBe(200);
    expect(body.phoneNumbers).toEqual([
      { e164PhoneNumber: '+18005550100', friendlyName: 'Support US' },
      { e164PhoneNumber: '+442035550111', friendlyName: 'Support UK' },
      { e164PhoneNumber: '+18005550100', friendlyName: 'Billing desk (ext. 2)', extension: '2' },
      { e164PhoneNumber: '+61255501234', friendlyName: 'Support Australia after-hours line' },
      { e164PhoneNumber: '+33155550188', friendlyName: 'Paris office', extension: '12' },
    ]);
  });
});
