import {
  cardDefinitionCreateSchema,
  cardFetchRequestSchema,
  cardPropertySchema,
  channelConnectionResponseSchema,
  checkPermissionsRequestSchema,
  fetchRecipientsResponseSchema,
  jsonSchemaFor,
  jsonSchemaNames,
  limits,
  messageDescriptors,
  parseCardResponse,
  schemaIssues,
  shareObjectRequestSchema,
} from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const item = (objectId: number) => ({ objectId, title: `Issue ${objectId}`, link: null });

describe('data fetch request', () => {
  test('types the default params and gathers the rest as properties', () => {
    const parsed = cardFetchRequestSchema.parse({
      userId: '12345',
      userEmail: 'loggedinuser@hubspot.com',
      associatedObjectId: '53701',
      associatedObjectType: 'CONTACT',
      portalId: '987654',
      firstname: 'Tim',
      email: 'tim@example.com',
    });
    expect(parsed).toEqual({
      userId: 12345,
      userEmail: 'loggedinuser@hubspot.com',
      associatedObjectId: 53701,
      associatedObjectType: 'CONTACT',
      portalId: 987654,
      properties: { firstname: 'Tim', email: 'tim@example.com' },
    });
  });

  test('keeps appId from the converter apart from the properties', () => {
    const parsed = cardFetchRequestSchema.parse({
      userId: '1',
      userEmail: 'a@b.c',
      associatedObjectId: '2',
      associatedObjectType: 'TICKET',
      portalId: '3',
      appId: '1000',
    });
    expect(parsed.appId).toBe(1000);
    expect(parsed.properties).toEqual({});
  });

  test('rejects a non-numeric portalId and an unknown object type with paths', () => {
    const result = cardFetchRequestSchema.safeParse({
      userId: '1',
      userEmail: 'a@b.c',
      associatedObjectId: '2',
      associatedObjectType: 'WIDGET',
      portalId: 'abc',
    });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : schemaIssues(result.error).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['associatedObjectType', 'portalId']));
  });
});

describe('data fetch response', () => {
  test('accepts the legacy example from HubSpot', () => {
    const { format, result } = parseCardResponse({
      results: [
        {
          objectId: 245,
          title: 'API-22: APIs working too fast',
          link: 'http://example.com/1',
          created: '2016-09-15',
          priority: 'HIGH',
          properties: [
            { label: 'Resolution impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' },
          ],
          actions: [
            {
              type: 'IFRAME',
              width: 890,
              height: 748,
              uri: 'https://example.com/edit',
              label: 'Edit',
              associatedObjectProperties: [],
            },
          ],
        },
      ],
      totalCount: 7,
      allItemsLink: 'https://example.com/all',
      itemLabel: 'See more tickets',
    });
    expect(format).toBe('legacy');
    expect(result.success).toBe(true);
  });

  test(`rejects more than ${limits.maxCardResults} results at path results`, () => {
    const { result } = parseCardResponse({ results: [1, 2, 3, 4, 5, 6].map(item) });
    expect(result.success).toBe(false);
    if (!result.success) expect(schemaIssues(result.error)[0]?.path).toBe('results');
  });

  test('rejects a CURRENCY property without currencyCode', () => {
    const { result } = parseCardResponse({
      results: [{ ...item(1), properties: [{ label: 'Risk', dataType: 'CURRENCY', value: '10' }] }],
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(schemaIssues(result.error).map((i) => i.path)).toContain('results.0.properties.0.currencyCode');
    }
  });

  test('tells the sections format apart and validates it', () => {
    const { format, result } = parseCardResponse({
      responseVersion: 'v3',
      totalCount: 1,
      sections: [
        { id: 'a', title: 'A', tokens: [{ name: 'n', label: 'N', dataType: 'STRING', value: 'x' }] },
      ],
    });
    expect(format).toBe('sections');
    expect(result.success).toBe(true);
  });

  test.each([
    ['DATE', { value: '2026-13' }],
    ['STATUS', { value: 'Open' }],
    ['NUMERIC', { value: 'ten' }],
    ['DATETIME', { value: 'yesterday' }],
  ])('rejects a malformed %s property', (dataType, extra) => {
    expect(cardPropertySchema.safeParse({ label: 'x', dataType, ...extra }).success).toBe(false);
  });
});

describe('Share Via', () => {
  test('accepts CHECK_PERMISSIONS in the current and the older shape, giving one shape', () => {
    const current = checkPermissionsRequestSchema.parse({
      portalId: 1,
      appId: 2,
      payload: { requiredPermissions: ['upload-file'] },
    });
    const older = checkPermissionsRequestSchema.parse({
      portalId: 1,
      appId: 2,
      requiredPermissions: ['upload-file'],
    });
    expect(older).toEqual(current);
  });

  test('allows a nextPageAfter cursor inside recipients', () => {
    const parsed = fetchRecipientsResponseSchema.parse({
      portalId: 1,
      appId: 2,
      eventType: 'FETCH_RECIPIENTS',
      payload: {
        recipients: { total: 9, results: [{ id: 'R2', name: 'Two', type: 1 }], nextPageAfter: 'c2' },
      },
    });
    expect(parsed.payload.recipients.nextPageAfter).toBe('c2');
  });

  test('rejects a recipient type other than 0 or 1', () => {
    const result = shareObjectRequestSchema.safeParse({
      portalId: 1,
      appId: 2,
      payload: {
        sender: { id: 1 },
        recipient: { id: 'R', name: 'R', type: 2 },
        objectMetadata: { id: 1, type: 2, name: 'Report' },
      },
    });
    expect(result.success).toBe(false);
  });
});

describe('card definitions and calling', () => {
  test('requires at least one object type and an absolute target URL', () => {
    const result = cardDefinitionCreateSchema.safeParse({
      title: 'Issues',
      fetch: { targetUrl: '/relative', objectTypes: [] },
      display: { properties: [] },
      actions: { baseUrls: [] },
    });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : schemaIssues(result.error).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['fetch.targetUrl', 'fetch.objectTypes']));
  });

  test('rejects a phone number that is not E.164', () => {
    const result = channelConnectionResponseSchema.safeParse({
      phoneNumbers: [{ e164PhoneNumber: '800-123', friendlyName: 'Support' }],
    });
    expect(result.success).toBe(false);
  });
});

describe('descriptors and JSON Schema', () => {
  test('declares each kind once', () => {
    const kinds = messageDescriptors.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  test('every platform call is signed v2 and v3 with the 3 s / 5 s budget', () => {
    for (const d of messageDescriptors) {
      if (d.direction !== 'platform-to-service') continue;
      expect(d.signatureVersions).toEqual(['v2', 'v3']);
      expect(d.deadline).toEqual({ connectMs: limits.connectDeadlineMs, totalMs: limits.totalDeadlineMs });
    }
  });

  test('exports a draft 2020-12 JSON Schema for every message', () => {
    const names = jsonSchemaNames();
    expect(names).toContain('crm-card.fetch.response');
    expect(names).toContain('share-via.share-object.request');
    for (const name of names) {
      const schema = jsonSchemaFor(name);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.title).toBe(name);
    }
  });

  test('the card response schema caps results at five', () => {
    const schema = jsonSchemaFor('crm-card.fetch.response') as {
      anyOf: { properties: { results?: { maxItems?: number } } }[];
    };
    expect(schema.anyOf[0]?.properties.results?.maxItems).toBe(limits.maxCardResults);
  });

  test('refuses an unknown kind with a code', () => {
    expect(() => jsonSchemaFor('crm-card.nope')).toThrowError(
      expect.objectContaining({ code: 'MESSAGE_KIND_UNKNOWN' }),
    );
  });
});
