import { describe, expect, test } from 'vitest';
import { trackerLimits } from '../src/tracker-limits.ts';
import { formPost, hiddenInputs, selectedOption } from './helpers/form-fields.ts';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import { baseUrl, createTestTracker, maria, plainIssue, type TestTracker } from './helpers/test-tracker.ts';

/** The IFRAME URLs the card hands out, as HubSpot would open them (path + query). */
async function cardLinks(t: TestTracker) {
  const { body } = await t.client.cardFetch('/hubspot/card', {
    params: { associatedObjectId: maria.objectId },
  });
  const local = (uri: string | undefined) => (uri ?? '').slice(baseUrl.length);
  return {
    newIssue: local(body.primaryAction?.uri),
    settings: local(body.settingsAction?.uri),
    edit: local(body.results[0]?.actions?.[0]?.uri),
    firstId: body.results[0]?.objectId,
  };
}

const validIssue = {
  title: 'Search ignores accents',
  description: 'Searching "Lea" does not find Léa.',
  state: 'open',
  revenue: '1,250.50',
  currency: 'EUR',
  dueDate: '2026-04-30',
  assigneeId: '',
  votes: '4',
  reporterEmail: 'maria.johnson@acmerobotics.com',
};

describe.each(databaseKinds)('tracker pages on %s', (kind) => {
  const databases = useTestDatabases(kind);

  describe('New issue IFRAME', () => {
    test('shows the form with the reporter HubSpot appended and the default project', async () => {
      const t = await createTestTracker(await databases.open());
      const { newIssue } = await cardLinks(t);
      const response = await t.page(
        `${newIssue}&email=${encodeURIComponent('maria.johnson@acmerobotics.com')}`,
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h1>New issue</h1>');
      expect(html).toContain('value="maria.johnson@acmerobotics.com"');
      expect(hiddenInputs(html)).toMatchObject({ portalId: '62515', objectType: 'CONTACT', objectId: '101' });
      const [firstProject] = await t.store.team.projects();
      expect(selectedOption(html, 'projectId')).toBe(String(firstProject?.id));
      expect(html).toContain('data-frame-message="CANCEL"');
    });

    test('files the issue on the record, closes the modal with DONE and shows it on the card', async () => {
      const t = await createTestTracker(await databases.open());
      const { newIssue } = await cardLinks(t);
      const form = hiddenInputs(await (await t.page(newIssue)).text());
      const [project] = await t.store.team.projects();
      t.clock.advance(60_000);
      const response = await t.page(
        '/hubspot/iframe/new-issue',
        formPost({ ...form, ...validIssue, projectId: String(project?.id) }),
      );
      expect(response.status).toBe(201);
      const html = await response.text();
      expect(html).toContain(`window.parent.postMessage(JSON.stringify({ action: 'DONE' }), '*')`);
      const card = await t.client.cardFetch('/hubspot/card', {
        params: { associatedObjectId: maria.objectId },
      });
      expect(card.body.totalCount).toBe(7);
      expect(card.body.results[0]).toMatchObject({
        title: expect.stringMatching(/^BUG-\d+: Search ignores accents$/),
        properties: expect.arrayContaining([
          { label: 'Revenue at risk', dataType: 'CURRENCY', value: 1250.5, currencyCode: 'EUR' },
          { label: 'Due', dataType: 'DATE', value: '2026-04-30' },
        ]),
      });
    });

    test('shows what is wrong, keeps what was typed and saves nothing', async () => {
      const t = await createTestTracker(await databases.open());
      const { newIssue } = await cardLinks(t);
      const form = hiddenInputs(await (await t.page(newIssue)).text());
      const [project] = await t.store.team.projects();
      const response = await t.page(
        '/hubspot/iframe/new-issue',
        formPost({
          ...form,
          ...validIssue,
          projectId: String(project?.id),
          title: '',
          revenue: 'lots',
          dueDate: '2026-02-30',
        }),
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('Please fix 3 fields below.');
      expect(html).toContain('id="title-error"');
      expect(html).toContain('value="lots"');
      expect((await t.store.issues.list({ record: maria, state: 'all' }, { limit: 50 })).total).toBe(7);
    });

    test('refuses a link without a token, with an altered field, or expired (403 TRACKER_LINK_INVALID)', async () => {
      const t = await createTestTracker(await databases.open());
      const { newIssue } = await cardLinks(t);
      const bare = await t.page('/hubspot/iframe/new-issue?portalId=62515&objectType=CONTACT&objectId=101');
      expect(bare.status).toBe(403);
      expect(await bare.text()).toContain('data-code="TRACKER_LINK_INVALID"');
      const altered = await t.page(newIssue.replace('objectId=101', 'objectId=102'));
      expect(altered.status).toBe(403);
      t.clock.advance(trackerLimits.linkTokenTtlMs + 1);
      const expired = await t.page(newIssue);
      expect(expired.status).toBe(403);
      expect(hiddenInputs(await expired.text())).toEqual({});
    });

    test('refuses a form that is not urlencoded', async () => {
      const t = await createTestTracker(await databases.open());
      const response = await t.page('/hubspot/iframe/new-issue', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('data-code="TRACKER_FORM_INVALID"');
    });
  });

  describe('Edit issue IFRAME', () => {
    test('shows the issue in the form and saves changes', async () => {
      const t = await createTestTracker(await databases.open());
      const { edit, firstId } = await cardLinks(t);
      const html = await (await t.page(edit)).text();
      expect(html).toContain('value="Checkout times out for carts over 50 items"');
      expect(html).toContain('value="12500"');
      expect(selectedOption(html, 'state')).toBe('open');
      const [, member] = await t.store.team.members();
      const response = await t.page(
        '/hubspot/iframe/edit-issue',
        formPost({
          ...hiddenInputs(html),
          ...validIssue,
          projectId: String((await t.store.issues.get(Number(firstId)))?.project.id),
          state: 'blocked',
          assigneeId: String(member?.id),
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("action: 'DONE'");
      expect(await t.store.issues.get(Number(firstId))).toMatchObject({
        title: 'Search ignores accents',
        state: 'blocked',
        assignee: { id: member?.id },
        revenueCents: 125_050,
      });
    });

    test('answers 404 TRACKER_ISSUE_NOT_FOUND for an issue deleted meanwhile', async () => {
      const t = await createTestTracker(await databases.open());
      const { edit, firstId } = await cardLinks(t);
      await t.store.issues.delete(Number(firstId), maria.portalId);
      const response = await t.page(edit);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('data-code="TRACKER_ISSUE_NOT_FOUND"');
    });
  });

  describe('Settings IFRAME', () => {
    test('saves the default project and currency that New issue then starts with', async () => {
      const t = await createTestTracker(await databases.open());
      const { settings, newIssue } = await cardLinks(t);
      const html = await (await t.page(settings)).text();
      expect(html).toContain('Bug Tracker settings');
      const billing = (await t.store.team.projects()).find((p) => p.key === 'BILL');
      const saved = await t.page(
        '/hubspot/iframe/settings',
        formPost({ ...hiddenInputs(html), defaultProjectId: String(billing?.id), currency: 'GBP' }),
      );
      expect(saved.status).toBe(200);
      const form = await (await t.page(newIssue)).text();
      expect(selectedOption(form, 'projectId')).toBe(String(billing?.id));
      expect(selectedOption(form, 'currency')).toBe('GBP');
    });

    test('refuses a currency it does not offer', async () => {
      const t = await createTestTracker(await databases.open());
      const { settings } = await cardLinks(t);
      const html = await (await t.page(settings)).text();
      const response = await t.page(
        '/hubspot/iframe/settings',
        formPost({ ...hiddenInputs(html), currency: 'XXX' }),
      );
      expect(response.status).toBe(400);
      expect((await t.store.settings.get(maria.portalId)).currency).toBe('USD');
    });
  });

  describe('the tracker UI', () => {
    test("See all lists one record's issues; the list pages and filters by state", async () => {
      const t = await createTestTracker(await databases.open());
      const { body } = await t.client.cardFetch('/hubspot/card', {
        params: { associatedObjectId: maria.objectId },
      });
      const all = await (await t.page((body.allItemsLink ?? '').slice(baseUrl.length))).text();
      expect(all).toContain('data-total="6"');
      expect(all.match(/<tr data-issue=/g)).toHaveLength(6);
      const closed = await (await t.page('/issues?state=closed')).text();
      expect(closed).toContain('data-total="1"');
      const everything = await (await t.page('/issues?state=all')).text();
      expect(everything).toContain('data-total="9"');
    });

    test('shows an issue with its HubSpot records and escapes what people typed', async () => {
      const t = await createTestTracker(await databases.open());
      const [project] = await t.store.team.projects();
      const issue = await t.store.issues.create(plainIssue(project?.id ?? 0, '<script>alert(1)</script>'), [
        maria,
      ]);
      const html = await (await t.page(`/issues/${issue.id}`)).text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('contact 101</a> in portal 62515');
    });

    test('answers 404 TRACKER_PAGE_NOT_FOUND for unknown pages and ids', async () => {
      const t = await createTestTracker(await databases.open());
      for (const path of ['/nope', '/issues/999999', '/projects/abc', '/members/424242']) {
        const response = await t.page(path);
        expect(response.status, path).toBe(404);
        expect(await response.text()).toContain('data-code="TRACKER_PAGE_NOT_FOUND"');
      }
    });

    test('reports health with the database it uses', async () => {
      const t = await createTestTracker(await databases.open(), { seed: false });
      const response = await t.page('/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: kind });
    });

    test('a failure the tracker did not foresee is a 500 page with TRACKER_INTERNAL_ERROR, logged, without details', async () => {
      const logged: string[] = [];
      const t = await createTestTracker(await databases.open(), {
        logger: { debug() {}, info() {}, warn() {}, error: (message) => logged.push(message) },
      });
      // A repository that breaks in a way no BugTrackerError names (a driver bug, say).
      t.store.issues.list = () => Promise.reject(new TypeError('cannot read properties of undefined'));
      const response = await t.page('/issues');
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain('data-code="TRACKER_INTERNAL_ERROR"');
      expect(html).toContain('the tracker could not answer this; the details are in its log.');
      expect(html).not.toContain('cannot read properties');
      expect(logged).toEqual(['[bug-tracker] GET /issues failed']);
    });

    test('sends / to the issue list', async () => {
      const t = await createTestTracker(await databases.open(), { seed: false });
      const response = await t.page('/');
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`${baseUrl}/issues`);
    });
  });
});
