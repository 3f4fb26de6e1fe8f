import { describe, expect, test } from 'vitest';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import { acme, baseUrl, createTestTracker, maria, portalId } from './helpers/test-tracker.ts';

const card = '/hubspot/card';
const params = (record: typeof maria) => ({
  params: {
    associatedObjectType: record.objectType,
    associatedObjectId: record.objectId,
    portalId: record.portalId,
  },
});

describe.each(databaseKinds)('CRM card on %s', (kind) => {
  const databases = useTestDatabases(kind);

  test("shows a contact's five newest open issues, the total and a See all link", async () => {
    const { client } = await createTestTracker(await databases.open());
    const { status, body } = await client.cardFetch(card, {
      ...params(maria),
      properties: { email: 'maria.johnson@acmerobotics.com' },
    });
    expect(status).toBe(200);
    expect(body.results).toHaveLength(5);
    expect(body.totalCount).toBe(6);
    expect(body.results.map((item) => item.title)).toEqual([
      expect.stringMatching(/^BUG-\d+: Checkout times out/),
      expect.stringMatching(/: Invoice PDF shows the wrong VAT rate$/),
      expect.stringMatching(/: Webhook retries flood the endpoint$/),
      expect.stringMatching(/: Push notifications arrive twice/),
      expect.stringMatching(/: SSO login loops back/),
    ]);
    expect(body.allItemsLink).toBe(`${baseUrl}/issues?portalId=${portalId}&objectType=CONTACT&objectId=101`);
    expect(body.itemLabel).toBe('See all issues');
  });

  test('gives each item typed properties: STATUS, CURRENCY, DATE, LINK, EMAIL and NUMERIC', async () => {
    const { client } = await createTestTracker(await databases.open());
    const { body } = await client.cardFetch(card, params(maria));
    const [first] = body.results;
    expect(first?.properties).toEqual([
      { label: 'State', dataType: 'STATUS', value: 'Open', optionType: 'WARNING' },
      { label: 'Revenue at risk', dataType: 'CURRENCY', value: 12500, currencyCode: 'USD' },
      { label: 'Due', dataType: 'DATE', value: '2026-03-05' },
      {
        label: 'Project',
        dataType: 'LINK',
        value: expect.stringMatching(`^${baseUrl}/projects/\\d+$`),
        linkLabel: 'Web app',
      },
      { label: 'Assignee', dataType: 'EMAIL', value: 'ada.lovelace@bugtracker.example' },
      { label: 'Votes', dataType: 'NUMERIC', value: 14 },
    ]);
    expect(first?.link).toBe(`${baseUrl}/issues/${first?.objectId}`);
  });

  test('offers Edit (IFRAME), Close (ACTION_HOOK) and Delete (CONFIRMATION_ACTION_HOOK) under its base URL', async () => {
    const { client } = await createTestTracker(await databases.open());
    const { body } = await client.cardFetch(card, params(maria));
    const item = body.results[0];
    const id = item?.objectId;
    expect(item?.actions).toEqual([
      expect.objectContaining({ type: 'IFRAME', label: 'Edit', width: 640, height: 720 }),
      {
        type: 'ACTION_HOOK',
        label: 'Close issue',
        httpMethod: 'POST',
        uri: `${baseUrl}/hubspot/actions/close-issue?issueId=${id}`,
        associatedObjectProperties: [],
      },
      expect.objectContaining({
        type: 'CONFIRMATION_ACTION_HOOK',
        httpMethod: 'DELETE',
        uri: `${baseUrl}/hubspot/actions/delete-issue?issueId=${id}`,
        confirmButtonText: 'Delete',
        cancelButtonText: 'Keep it',
      }),
    ]);
    const edit = item?.actions?.[0];
    expect(edit?.uri).toMatch(
      new RegExp(`^${baseUrl}/hubspot/iframe/edit-issue\\?issueId=${id}&portalId=${portalId}&token=`),
    );
  });

  test('offers New issue with the contact email as an associated property, and Settings', async () => {
    const { client } = await createTestTracker(await databases.open());
    const { body } = await client.cardFetch(card, params(maria));
    expect(body.primaryAction).toMatchObject({
      type: 'IFRAME',
      label: 'New issue',
      associatedObjectProperties: ['email'],
      uri: expect.stringMatching(
        `^${baseUrl}/hubspot/iframe/new-issue\\?portalId=${portalId}&objectType=CONTACT&objectId=101&userEmail=user%40example.com&token=`,
      ),
    });
    expect(body.settingsAction).toMatchObject({ type: 'IFRAME', label: 'Settings' });
    const company = await client.cardFetch(card, params(acme));
    expect(company.body.primaryAction).toMatchObject({ associatedObjectProperties: [] });
  });

  test('answers an empty card for a record without issues', async () => {
    const { client } = await createTestTracker(await databases.open());
    const { status, body } = await client.cardFetch(card, params({ ...maria, objectId: '999' }));
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
    expect(body.totalCount).toBe(0);
  });

  test('builds every URL on PUBLIC_URL and checks signatures against it when a proxy strips the prefix', async () => {
    const publicUrl = 'https://tracker.example.com/bt';
    const { client } = await createTestTracker(await databases.open(), { publicUrl });
    const path = `${card}?userId=1&userEmail=a%40b.co&associatedObjectId=101&associatedObjectType=CONTACT&portalId=${portalId}`;
    const { status, body } = await client.request<{
      allItemsLink: string;
      results: { actions: { uri: string }[] }[];
    }>({
      path,
      sign: { url: `${publicUrl}${path}` },
    });
    expect(status).toBe(200);
    expect(body.allItemsLink).toMatch(/^https:\/\/tracker\.example\.com\/bt\/issues\?/);
    expect(body.results[0]?.actions.every((a) => a.uri.startsWith(`${publicUrl}/hubspot/`))).toBe(true);
  });

  test('takes the origin from X-Forwarded-* only when told to trust the proxy', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tracker.example.com' };
    const trusted = await createTestTracker(await databases.open(), { trustProxy: true });
    const path = `${card}?userId=1&userEmail=a%40b.co&associatedObjectId=101&associatedObjectType=CONTACT&portalId=${portalId}`;
    const signedFor = `https://tracker.example.com${path}`;
    const ok = await trusted.client.request<{ allItemsLink: string }>({
      path,
      headers,
      sign: { url: signedFor },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.allItemsLink).toMatch(/^https:\/\/tracker\.example\.com\/issues/);
    const untrusted = await createTestTracker(await databases.open());
    const refused = await untrusted.client.request({ path, headers, sign: { url: signedFor } });
    expect(refused.error).toMatchObject({ code: 'SIGNATURE_MISMATCH' });
  });

  test('refuses a data fetch signed with another secret', async () => {
    const { client } = await createTestTracker(await databases.open());
    const { status, error } = await client.request({
      path: `${card}?userId=1&userEmail=a%40b.co&associatedObjectId=101&associatedObjectType=CONTACT&portalId=${portalId}`,
      sign: { secret: 'not-the-secret' },
    });
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: 'SIGNATURE_MISMATCH' });
  });
});
