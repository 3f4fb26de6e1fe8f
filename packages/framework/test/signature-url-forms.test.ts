import { createTestClient } from '@spoke/framework/testing';
import { computeV3, type V3UrlForm } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { buildApp, secret } from './support.ts';

// A converter data fetch: URLSearchParams writes the userEmail's @ as %40, so the v3 signature over
// the decoded URL (HubSpot's docs) and over the raw URL (HubSpot's SDK and local-dev proxy) differ.
// A framework service accepts both and says which matched. docs/decisions/0011
const path =
  '/card?userId=1&userEmail=someone%40example.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=62515&appId=54321';

describe('v3 over the decoded or the raw URL', () => {
  test.each(['decoded', 'raw'] as const)('accepts v3 over the %s URL and tells the handler', async (form) => {
    const { app, seen } = buildApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({ path, sign: { version: 'v3', v3UrlForm: form } });
    expect(res.status).toBe(200);
    expect(seen[0]?.ctx.v3UrlForm).toBe(form);
    expect(seen[0]?.ctx.signatureVersion).toBe('v3');
  });

  test('the test client in converter mode signs as hubspot.fetch does: over the raw URL', async () => {
    const { app, seen } = buildApp();
    const client = createTestClient(app, { clientSecret: secret, mode: 'converter' });
    const res = await client.cardFetch('/card');
    expect(res.status).toBe(200);
    expect(seen[0]?.ctx.v3UrlForm).toBe('raw');
  });

  test('a URL without any of the twelve escapes reports `same`; v2 reports null', async () => {
    const { app, seen } = buildApp({ acceptSignatureVersions: ['v3', 'v2'] });
    const client = createTestClient(app, { clientSecret: secret });
    expect(
      (
        await client.request({
          path: '/card?userId=1&userEmail=a&associatedObjectId=2&associatedObjectType=TICKET&portalId=3',
          sign: { version: 'v3' },
        })
      ).status,
    ).toBe(200);
    expect(seen[0]?.ctx.v3UrlForm).toBe('same');
    expect((await client.request({ path, sign: { version: 'v2' } })).status).toBe(200);
    expect(seen[1]?.ctx.v3UrlForm).toBeNull();
  });

  test('in development, a raw-URL match is logged at debug level with the reason; a decoded one is not', async () => {
    const { app, logger } = buildApp();
    const client = createTestClient(app, { clientSecret: secret });
    await client.request({ path, sign: { version: 'v3', v3UrlForm: 'decoded' } });
    expect(logger.entries.filter((entry) => entry.details?.v3UrlForm === 'raw')).toHaveLength(0);
    await client.request({ path, sign: { version: 'v3', v3UrlForm: 'raw' } });
    const entries = logger.entries.filter((entry) => entry.details?.v3UrlForm === 'raw');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.level).toBe('debug');
    expect(entries[0]?.message).toContain("HubSpot's validation docs");
  });

  test('outside development nothing is logged for a raw-URL match', async () => {
    const { app, logger } = buildApp({ development: false });
    const client = createTestClient(app, { clientSecret: secret });
    expect((await client.request({ path, sign: { version: 'v3', v3UrlForm: 'raw' } })).status).toBe(200);
    expect(logger.entries).toHaveLength(0);
  });

  // Everything else is still refused, whichever URL form the sender hashed.
  const tampered: readonly {
    name: string;
    sign: (form: V3UrlForm, now: number, url: (path: string) => string) => Record<string, string>;
    path?: string;
    method?: string;
    body?: string;
    code: string;
  }[] = [
    {
      name: 'the wrong secret',
      sign: (form, now, url) => v3Headers({ secret: 'not-the-secret', url: url(path), timestamp: now, form }),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'another userEmail than the one signed',
      sign: (form, now, url) => v3Headers({ url: url(path), timestamp: now, form }),
      path: path.replace('someone%40', 'intruder%40'),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'the %40 turned into @ on the way (the raw form no longer holds)',
      sign: (_form, now, url) => v3Headers({ url: url(path), timestamp: now, form: 'raw' }),
      path: path.replace('%40', '@').replace('userId=1', 'userId=2'),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'a signature over a half-decoded URL',
      sign: (_form, now, url) =>
        v3Headers({ url: url(path).replace('%40', '@').concat('&x=%3A'), timestamp: now, form: 'raw' }),
      path: `${path}&x=%3A`,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'another method',
      sign: (form, now, url) => v3Headers({ url: url(path), timestamp: now, form, method: 'POST' }),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'a stale timestamp (six minutes)',
      sign: (form, now, url) => v3Headers({ url: url(path), timestamp: now - 360_000, form }),
      code: 'SIGNATURE_TIMESTAMP_STALE',
    },
    {
      name: 'a timestamp ten minutes ahead',
      sign: (form, now, url) => v3Headers({ url: url(path), timestamp: now + 600_000, form }),
      code: 'SIGNATURE_TIMESTAMP_FUTURE',
    },
    {
      name: 'no timestamp header',
      sign: (form, now, url) => {
        const { 'X-HubSpot-Signature-v3': signature = '' } = v3Headers({
          url: url(path),
          timestamp: now,
          form,
        });
        return { 'X-HubSpot-Signature-v3': signature };
      },
      code: 'SIGNATURE_TIMESTAMP_MISSING',
    },
  ];

  for (const form of ['decoded', 'raw'] as const) {
    test.each(tampered)(`refuses a ${form}-URL v3 signature with $name`, async (row) => {
      const { app, seen, clock } = buildApp();
      const client = createTestClient(app, { clientSecret: secret, clock });
      const headers = row.sign(form, clock.now(), (each) => client.url(each));
      const res = await client.request({ path: row.path ?? path, sign: false, headers });
      expect(res.status).toBe(401);
      expect(res.error?.code).toBe(row.code);
      expect(seen).toHaveLength(0);
    });
  }
});

function v3Headers(options: {
  secret?: string;
  url: string;
  timestamp: number;
  form: V3UrlForm;
  method?: string;
}): Record<string, string> {
  const signature = computeV3({
    secret: options.secret ?? secret,
    method: options.method ?? 'GET',
    url: options.url,
    body: '',
    timestamp: options.timestamp,
    urlForm: options.form,
  });
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(options.timestamp) };
}
