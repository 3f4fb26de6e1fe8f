import { createApp, type SpokeApp } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { buildApp, secret } from './support.ts';

function hookApp(): { app: SpokeApp; inputs: unknown[] } {
  const inputs: unknown[] = [];
  const app = createApp({ clientSecret: secret, logger: buildApp().logger })
    .actionHook('/hook', (input) => {
      inputs.push(input);
    })
    .actionHook('/only-delete', () => ({ message: 'gone' }), { methods: ['DELETE'] });
  return { app, inputs };
}

const defaults = 'userId=1&userEmail=a%40b.co&associatedObjectId=7&associatedObjectType=DEAL&portalId=9';

describe('action-hook fields', () => {
  test('answers {} when the handler returns nothing', async () => {
    const { app } = hookApp();
    const res = await createTestClient(app, { clientSecret: secret }).actionHook('/hook');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  test('merges query and form body, the body winning for a repeated field', async () => {
    const { app, inputs } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({
      method: 'PUT',
      path: `/hook?${defaults}&from=query&both=query`,
      body: 'both=body&deal+name=a+b%26c',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    expect(res.status).toBe(200);
    expect(inputs[0]).toMatchObject({
      associatedObjectId: 7,
      properties: { from: 'query', both: 'body', 'deal name': 'a b&c' },
    });
  });

  test('reads a JSON body sent without a content type, and JSON numbers as their text', async () => {
    const { app, inputs } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const body = JSON.stringify({
      userId: 1,
      userEmail: 'a@b.co',
      associatedObjectId: 7,
      associatedObjectType: 'DEAL',
      portalId: 9,
      amount: 12.5,
      won: true,
    });
    const res = await client.request({ method: 'POST', path: '/hook', body });
    expect(res.status).toBe(200);
    expect(inputs[0]).toMatchObject({ userId: 1, properties: { amount: '12.5', won: 'true' } });
  });

  test('refuses a JSON body that is not an object with REQUEST_INVALID', async () => {
    const { app } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({
      method: 'POST',
      path: `/hook?${defaults}`,
      body: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('REQUEST_INVALID');
  });

  test('refuses a nested JSON field with the path of the problem', async () => {
    const { app } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({
      method: 'POST',
      path: `/hook?${defaults}`,
      body: '{"deal":{"id":1}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.error?.issues).toEqual([{ path: 'deal', message: expect.any(String) }]);
  });

  test('accepts a lower-case method name', async () => {
    const { app, inputs } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({ method: 'patch', path: `/hook?${defaults}` });
    expect(res.status).toBe(200);
    expect(inputs).toHaveLength(1);
  });

  test('answers 405 listing only the methods a restricted hook takes', async () => {
    const { app } = hookApp();
    const res = await createTestClient(app, { clientSecret: secret }).actionHook('/only-delete', {
      method: 'POST',
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('DELETE');
  });

  test('refuses a request missing a default parameter, naming it', async () => {
    const { app } = hookApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({ path: '/hook?userId=1' });
    expect(res.status).toBe(400);
    expect(res.error?.issues?.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['userEmail', 'associatedObjectId', 'associatedObjectType', 'portalId']),
    );
  });
});

describe('request bodies', () => {
  test('verifies before parsing: an unsigned malformed body gets 401, not 400', async () => {
    const { client } = { client: createTestClient(buildApp().app, { clientSecret: secret }) };
    const res = await client.request({ method: 'POST', path: '/calls', body: '{oops', sign: false });
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('SIGNATURE_MISSING');
  });

  test('refuses a declared Content-Length over bodyLimit without reading the body', async () => {
    const { app } = buildApp({ bodyLimit: 100 });
    let pulled = false;
    // highWaterMark 0: the stream pulls only when someone reads.
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
          throw new Error('the body must not be read');
        },
      },
      { highWaterMark: 0 },
    );
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-length': '5000' },
    };
    const res = await app.fetch(new Request('http://localhost/calls', init));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      code: 'REQUEST_BODY_TOO_LARGE',
      message: expect.stringContaining('5000'),
    });
    expect(pulled).toBe(false);
  });

  test('accepts a body of exactly bodyLimit bytes', async () => {
    const body = JSON.stringify({ appId: 20, portalId: 10, userId: 5 });
    const { app } = buildApp({ bodyLimit: new TextEncoder().encode(body).byteLength });
    const res = await createTestClient(app, { clientSecret: secret }).request({
      method: 'POST',
      path: '/calls',
      body,
    });
    expect(res.status).toBe(200);
  });

  test('answers RAW_BODY_UNAVAILABLE for a Request whose body was already read', async () => {
    const { app } = buildApp();
    const request = new Request('http://localhost/calls', { method: 'POST', body: '{}' });
    await request.text();
    const res = await app.fetch(request);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
  });

  test('refuses a JSON body that is not UTF-8 with REQUEST_MALFORMED_JSON', async () => {
    const { app } = buildApp();
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await createTestClient(app, { clientSecret: secret }).request({
      method: 'POST',
      path: '/calls',
      body,
    });
    expect(res.status).toBe(400);
    expect(res.error?.message).toContain('not valid UTF-8');
  });

  test('refuses an empty JSON body with REQUEST_MALFORMED_JSON', async () => {
    const { app } = buildApp();
    const res = await createTestClient(app, { clientSecret: secret }).request({
      method: 'POST',
      path: '/calls',
    });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('REQUEST_MALFORMED_JSON');
  });
});

describe('card fetch input', () => {
  test('passes appId from the converter as a number, outside properties', async () => {
    const { app, seen } = buildApp();
    const client = createTestClient(app, { clientSecret: secret, mode: 'converter', appId: 4242 });
    expect((await client.cardFetch('/card', { properties: { firstname: 'Ada' } })).status).toBe(200);
    expect(seen[0]?.input).toMatchObject({ appId: 4242, properties: { firstname: 'Ada' } });
  });

  test('takes the first value of a repeated query parameter', async () => {
    const { app, seen } = buildApp();
    const client = createTestClient(app, { clientSecret: secret });
    const res = await client.request({ path: `/card?${defaults}&userId=2` });
    expect(res.status).toBe(200);
    expect(seen[0]?.input).toMatchObject({ userId: 1 });
  });
});

describe('not found', () => {
  test('lists the registered routes in development only', async () => {
    const dev = await createTestClient(buildApp().app, { clientSecret: secret }).request({ path: '/x' });
    expect(dev.error?.message).toContain('registered: /card');
    const prod = await createTestClient(buildApp({ development: false }).app, {
      clientSecret: secret,
    }).request({
      path: '/x',
    });
    expect(prod.error?.code).toBe('ROUTE_NOT_FOUND');
    expect(prod.error?.message).not.toContain('/card');
  });
});

describe('refusal logging', () => {
  test('logs a signature failure as a warning with its code', async () => {
    const { app, logger } = buildApp();
    await createTestClient(app, { clientSecret: 'wrong' }).cardFetch('/card');
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'warn',
        details: { code: 'SIGNATURE_MISMATCH', status: 401, method: 'GET', path: '/card' },
      }),
    ]);
  });

  test('outside development mode logs the refusal without the explanation', async () => {
    const { app, logger } = buildApp({ development: false });
    const res = await createTestClient(app, { clientSecret: 'wrong' }).cardFetch('/card');
    expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]?.message).toContain('refused GET /card with SIGNATURE_MISMATCH');
    expect(logger.entries[0]?.message).not.toContain('string hashed');
  });

  test('logs unknown paths at debug level only', async () => {
    const { app, logger } = buildApp();
    await createTestClient(app, { clientSecret: secret }).request({ path: '/wp-login.php' });
    expect(logger.entries.map((entry) => entry.level)).toEqual(['debug']);
  });
});
