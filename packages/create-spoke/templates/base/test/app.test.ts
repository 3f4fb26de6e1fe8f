import { createTestClient } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { createHubspotApp } from '../src/app.js';

// Requests are signed exactly as HubSpot signs them (v2 + v3) and sent through app.fetch in process.
const clientSecret = 'test-secret';
const app = createHubspotApp({ clientSecret });
const client = createTestClient(app, { clientSecret });

describe('CRM card', () => {
  test('lists two items, each with an ACTION_HOOK and an IFRAME action', async () => {
    const res = await client.cardFetch('/hubspot/card', {
      params: { associatedObjectId: 42 },
      properties: { email: 'ada@example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(2);
    for (const item of res.body.results) {
      expect(item.title).toContain('ada@example.com');
      expect(item.actions?.map((a) => a.type)).toEqual(['ACTION_HOOK', 'IFRAME']);
    }
  });

  test('refuses a request without a signature', async () => {
    const res = await client.request({ path: '/hubspot/card?associatedObjectId=42', sign: false });
    expect(res.status).toBe(401);
  });

  test('refuses a request signed with another secret', async () => {
    const other = createTestClient(app, { clientSecret: 'not-the-secret' });
    const res = await other.cardFetch('/hubspot/card');
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
  });
});

describe('action hook', () => {
  test('acknowledges the item in the legacy (form) and the converter (JSON) encoding', async () => {
    for (const encoding of ['form', 'json'] as const) {
      const res = await client.actionHook('/hubspot/actions/acknowledge?item=101', {
        method: 'POST',
        encoding,
        fields: { userEmail: 'ada@example.com' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Item 101 acknowledged by ada@example.com.' });
    }
  });

  test('answers 400 without an item', async () => {
    const res = await client.actionHook('/hubspot/actions/acknowledge', { method: 'POST' });
    expect(res.status).toBe(400);
  });
});

describe('Share Via', () => {
  test('checks permissions', async () => {
    const granted = await client.shareVia('/hubspot/share', 'CHECK_PERMISSIONS', {
      requiredPermissions: ['upload-file'],
    });
    expect(granted.body.payload).toEqual({ hasAllRequiredPermissions: true });
    const missing = await client.shareVia('/hubspot/share', 'CHECK_PERMISSIONS', {
      requiredPermissions: ['send-email'],
    });
    expect(missing.body.payload).toEqual({ hasAllRequiredPermissions: false });
  });

  test('lists recipients filtered by name and type', async () => {
    const res = await client.shareVia('/hubspot/share', 'FETCH_RECIPIENTS', {
      recipientsFilter: { name: 'sal', type: 0 },
    });
    expect(res.status).toBe(200);
    expect(res.body.payload).toEqual({
      recipients: { total: 1, results: [{ id: 'R2', name: '#sales', type: 0 }] },
    });
  });

  test('finds one recipient, and answers 404 for an unknown one', async () => {
    const found = await client.shareVia('/hubspot/share', 'FETCH_RECIPIENT', { id: 'U1', type: 1 });
    expect(found.body.payload).toEqual({ recipient: { id: 'U1', name: 'Ada Lovelace', type: 1 } });
    const missing = await client.shareVia('/hubspot/share', 'FETCH_RECIPIENT', { id: 'nobody', type: 1 });
    expect(missing.status).toBe(404);
  });

  test('shares a report and links to where it went', async () => {
    const res = await client.shareVia('/hubspot/share', 'SHARE_OBJECT', {
      recipient: { id: 'R1', name: '#general', type: 0 },
      sender: { id: 1 },
      message: 'Weekly numbers',
      objectMetadata: { id: 7, type: 1, name: 'Pipeline report' },
    });
    expect(res.status).toBe(200);
    expect(res.body.payload).toEqual({ recipientUrl: 'https://chat.example.com/R1' });
  });
});

describe('calling channel connection', () => {
  test('lists the numbers the help-desk picker offers', async () => {
    const res = await client.channelConnection('/hubspot/channels');
    expect(res.status).toBe(200);
    expect(res.body.phoneNumbers).toContainEqual({
      e164PhoneNumber: '+18001231234',
      friendlyName: 'Support line',
    });
  });
});
