import { readFileSync } from 'node:fs';
import { Signature } from '@hubspot/api-client';
import { createApp } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { buildApp, fakeClock, memoryLogger, secret } from './support.ts';

describe('secret rotation', () => {
  const oldSecret = 'old-secret-aaaa';
  const newSecret = 'new-secret-bbbb';

  test('accepts requests signed with either secret while both are configured', async () => {
    const { app } = buildApp({ clientSecrets: [newSecret, oldSecret] });
    for (const clientSecret of [newSecret, oldSecret]) {
      const res = await createTestClient(app, { clientSecret }).cardFetch('/card');
      expect(res.status).toBe(200);
    }
  });

  test('refuses the old secret once it is removed', async () => {
    const { app } = buildApp({ clientSecrets: [newSecret] });
    const res = await createTestClient(app, { clientSecret: oldSecret }).cardFetch('/card');
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
  });
});

describe('signature versions', () => {
  const cardPath = '/card?userId=1&userEmail=a&associatedObjectId=2&associatedObjectType=TICKET&portalId=3';

  test('refuses a v2-only request by default with SIGNATURE_V3_REQUIRED (a downgrade)', async () => {
    const { app, seen } = buildApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({ path: cardPath, sign: { version: 'v2' } });
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('SIGNATURE_V3_REQUIRED');
    expect(seen).toHaveLength(0);
    expect((await client.cardFetch('/card')).status).toBe(200);
  });

  test("accepts a v2-only request under acceptSignatureVersions: ['v3', 'v2'] and tells the handler", async () => {
    const { app, seen } = buildApp({ acceptSignatureVersions: ['v3', 'v2'] });
    const res = await createTestClient(app, { clientSecret: secret }).request({
      path: cardPath,
      sign: { version: 'v2' },
    });
    expect(res.status).toBe(200);
    expect(seen[0]?.ctx.signatureVersion).toBe('v2');
  });

  test('strict: true is the default; strict: false and contradictions are refused at startup', () => {
    expect(() => buildApp({ strict: true })).not.toThrow();
    expect(() => buildApp({ strict: false })).toThrowError(/APP_CONFIG_INVALID|acceptSignatureVersions/);
    expect(() => buildApp({ strict: true, acceptSignatureVersions: ['v3', 'v2'] })).toThrowError(
      /strict: true accepts v3 only/,
    );
    expect(() => buildApp({ acceptSignatureVersions: [] })).toThrowError(/non-empty list/);
    expect(() => buildApp({ acceptSignatureVersions: ['v4' as 'v3'] })).toThrowError(/non-empty list/);
  });

  test('accepts a v1 signature over the body of a POST only when v1 is accepted', async () => {
    const { app, seen } = buildApp({ acceptSignatureVersions: ['v3', 'v1'] });
    const request = {
      method: 'POST',
      path: '/calls',
      body: '{"appId":1,"portalId":2,"userId":3}',
      sign: { version: 'v1' as const },
    };
    const res = await createTestClient(app, { clientSecret: secret }).request(request);
    expect(res.status).toBe(200);
    expect(seen[0]?.ctx.signatureVersion).toBe('v1');
    const strict = buildApp();
    const refused = await createTestClient(strict.app, { clientSecret: secret }).request(request);
    expect(refused.error?.code).toBe('SIGNATURE_V3_REQUIRED');
  });

  test('refuses v1 over an empty body (a constant) even with v1 accepted, unless allowV1EmptyBody', async () => {
    const { app, seen } = buildApp({ acceptSignatureVersions: ['v3', 'v1'] });
    const client = createTestClient(app, { clientSecret: secret });
    // The same header value for any path and query: sha256(secret).
    const res = await client.request({ path: cardPath, sign: { version: 'v1' } });
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('SIGNATURE_V1_EMPTY_BODY');
    expect(seen).toHaveLength(0);
    const allowed = buildApp({ acceptSignatureVersions: ['v3', 'v1'], allowV1EmptyBody: true });
    const ok = await createTestClient(allowed.app, { clientSecret: secret }).request({
      path: cardPath,
      sign: { version: 'v1' },
    });
    expect(ok.status).toBe(200);
  });

  test('logs (in development) that a v3 signature was URL-decoded upstream; the reply says only the code', async () => {
    const { app, logger } = buildApp();
    const res = await createTestClient(app, { clientSecret: secret }).request({
      path: '/card',
      headers: { 'X-HubSpot-Signature-v3': 'abc def+ghi=', 'X-HubSpot-Signature': 'x' },
    });
    expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
    expect(res.error?.message).not.toContain('URL-decoded');
    expect(logger.entries[0]?.message).toContain('URL-decoded upstream');
  });
});

interface Vector {
  name: string;
  version: 'v1' | 'v2' | 'v3';
  secret: string;
  method: string;
  url: string;
  body: string;
  timestamp?: number;
  expected: string;
}

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../../protocol/test/vectors/signatures.json', import.meta.url), 'utf8'),
);

function headersFor(vector: Vector, signature: string): Record<string, string> {
  if (vector.version === 'v3') {
    return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(vector.timestamp) };
  }
  return { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': vector.version };
}

/** An app with an action hook (every method) at the vector's path, its clock at the vector's time. */
function vectorApp(vector: Vector) {
  const clock = fakeClock(vector.timestamp ?? 1_700_000_000_000);
  const url = new URL(vector.url);
  // Every version, v1 over no body too: these tests are about the computation, not the policy.
  return createApp({
    clientSecret: vector.secret,
    clock,
    logger: memoryLogger(),
    publicUrl: url.origin,
    acceptSignatureVersions: ['v3', 'v2', 'v1'],
    allowV1EmptyBody: true,
  }).actionHook(url.pathname, () => ({ message: 'ok' }));
}

describe('golden vectors from @spoke/protocol', () => {
  test('the vector file is present and not empty', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  // Past the signature the request may still be an invalid action hook (400): that is fine here.
  test.each(vectors.map((vector) => [vector.name, vector] as const))(
    'verifies "%s"',
    async (_name, vector) => {
      const app = vectorApp(vector);
      const body = vector.method === 'GET' || vector.method === 'HEAD' ? null : vector.body;
      const accepted = await app.fetch(
        new Request(vector.url, {
          method: vector.method,
          body,
          headers: headersFor(vector, vector.expected),
        }),
      );
      expect(accepted.status).not.toBe(401);
      const tampered = vector.expected.startsWith('0')
        ? `1${vector.expected.slice(1)}`
        : `0${vector.expected.slice(1)}`;
      const refused = await app.fetch(
        new Request(vector.url, { method: vector.method, body, headers: headersFor(vector, tampered) }),
      );
      expect(refused.status).toBe(401);
    },
  );
});

describe('the official @hubspot/api-client as the sender', () => {
  const url = 'https://service.example.com/calls';
  const body = '{"appId":20,"portalId":10,"userId":5}';

  test.each(['v2', 'v3'] as const)('accepts a request it signed with %s', async (version) => {
    const clock = fakeClock();
    const timestamp = clock.now();
    const signature = Signature.getSignature('POST', version, {
      signature: '',
      clientSecret: secret,
      requestBody: body,
      url,
      timestamp,
    });
    const headers: Record<string, string> =
      version === 'v3'
        ? { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) }
        : { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': 'v2' };
    const acceptSignatureVersions = version === 'v3' ? undefined : (['v3', 'v2'] as const);
    const app = createApp({
      clientSecret: secret,
      clock,
      logger: memoryLogger(),
      acceptSignatureVersions,
    }).channelConnection('/calls', () => ({
      phoneNumbers: [],
    }));
    const res = await app.fetch(new Request(url, { method: 'POST', body, headers }));
    expect(res.status).toBe(200);
  });

  test('verifies the signatures the test client sends', async () => {
    const captured: Request[] = [];
    const app = createApp({ clientSecret: secret, logger: memoryLogger() });
    const client = createTestClient(app, {
      clientSecret: secret,
      baseUrl: 'https://service.example.com',
      fetch: async (request) => {
        captured.push(request);
        return new Response(null, { status: 204 });
      },
    });
    await client.channelConnection('/calls', { appId: 20, portalId: 10, userId: 5 });
    const [request] = captured;
    const sent = await request?.text();
    expect(
      Signature.isValid({
        signatureVersion: 'v2',
        method: 'POST',
        clientSecret: secret,
        requestBody: sent ?? '',
        url,
        signature: request?.headers.get('x-hubspot-signature') ?? '',
      }),
    ).toBe(true);
  });
});
