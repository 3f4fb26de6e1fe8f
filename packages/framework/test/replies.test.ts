import { createApp, type ErrorInfo } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger, secret } from './support.ts';

function cardApp(
  options: { development?: boolean | undefined; onError?: (error: unknown, info: ErrorInfo) => void } = {},
) {
  const logger = memoryLogger();
  // Development on unless a test says otherwise (`development: undefined` tests the default).
  const app = createApp({ clientSecret: secret, logger, development: true, ...options })
    .crmCard('/no-currency', (input) => ({
      results: [
        {
          objectId: input.associatedObjectId,
          title: 'x',
          // A JavaScript caller can forget currencyCode; the types stop TypeScript callers.
          properties: [{ label: 'Total', dataType: 'CURRENCY', value: 3 } as never],
        },
      ],
    }))
    .crmCard('/display-values', (input) => ({
      results: [
        {
          objectId: input.associatedObjectId,
          title: 'x',
          link: null,
          priority: 'HIGH',
          created: '2016-09-15',
        },
      ],
      itemLabel: 'See more tickets',
    }))
    .crmCard('/bigint', (input) => ({
      results: [{ objectId: input.associatedObjectId, title: 'x', huge: 1n }],
    }))
    // What the handler returns and what JSON.stringify sends differ: the wire bytes are judged.
    .crmCard('/to-json-seven', (input) => {
      const item = { objectId: input.associatedObjectId, title: 'x' };
      return { results: [item], toJSON: () => ({ results: Array.from({ length: 7 }, () => item) }) };
    })
    .crmCard('/to-json-valid', (input) => {
      const results = [{ objectId: input.associatedObjectId, title: 'x' }];
      return { results: 'filled in by toJSON', toJSON: () => ({ results }) } as never;
    })
    // Replies JSON.stringify reads differently from a plain object: each field read once, and the
    // text sent is the text judged.
    .crmCard('/getter-once', (input) => {
      const item = { objectId: input.associatedObjectId, title: 'x' };
      let reads = 0;
      return {
        get results() {
          reads += 1;
          return reads === 1 ? [item] : Array.from({ length: 7 }, () => item);
        },
      };
    })
    .crmCard('/getter-seven-then-one', (input) => {
      const item = { objectId: input.associatedObjectId, title: 'x' };
      let reads = 0;
      return {
        get results() {
          reads += 1;
          return reads === 1 ? Array.from({ length: 7 }, () => item) : [item];
        },
      };
    })
    .crmCard('/class-instance', (input) => {
      class Reply {
        results = [{ objectId: input.associatedObjectId, title: 'x' }];
        itemLabel = 'Issues';
      }
      return new Reply();
    })
    .crmCard('/inherited-results', (input) => {
      // zod reads an inherited field; JSON.stringify writes own fields only.
      class Reply {
        get results() {
          return [{ objectId: input.associatedObjectId, title: 'x' }];
        }
      }
      return new Reply() as never;
    })
    .crmCard('/proxy-hides-results', (input) => {
      const reply = { results: [{ objectId: input.associatedObjectId, title: 'x' }] };
      return new Proxy(reply, { ownKeys: () => [] });
    })
    .actionHook('/hook-message', () => ({ message: 'Ticket closed' }))
    .actionHook('/hook-to-json', () => ({ message: 'Ticket closed', toJSON: () => ({ message: 42 }) }))
    .crmCard('/undefined', () => undefined as never)
    .crmCard('/throws', () => {
      throw new Error('secret connection string leaked');
    })
    .crmCard('/throws-string', () => {
      throw 'plain string';
    })
    .channelConnection('/calls', () => ({
      phoneNumbers: [{ e164PhoneNumber: '555-1234', friendlyName: 'x' }],
    }))
    .shareVia('/share', {
      checkPermissions: () => ({}) as never,
      fetchRecipients: () => ({ recipients: { total: 0, results: [] } }),
      fetchRecipient: () => ({ recipient: { id: 'a', name: 'b', type: 0 } }),
      shareObject: () => undefined,
    });
  return { app, logger, client: createTestClient(app, { clientSecret: secret }) };
}

describe('reply validation', () => {
  test('answers a CURRENCY property without currencyCode with REPLY_INVALID and its path', async () => {
    const { client, logger } = cardApp();
    const res = await client.cardFetch('/no-currency');
    expect(res.status).toBe(500);
    expect(res.error).toMatchObject({
      code: 'REPLY_INVALID',
      issues: [{ path: 'results.0.properties.0.currencyCode' }],
    });
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('results.0.properties.0.currencyCode'),
      }),
    ]);
  });

  test('answers a plain coded 500 in production and still logs the issues', async () => {
    const { client, logger } = cardApp({ development: false });
    const res = await client.cardFetch('/no-currency');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'REPLY_INVALID', message: expect.stringContaining('service log') });
    expect(logger.entries[0]?.details).toMatchObject({
      issues: [{ path: 'results.0.properties.0.currencyCode' }],
    });
  });

  test('sends a valid reply as the handler built it, display-property values included', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/display-values');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      results: [{ objectId: 53701, title: 'x', link: null, priority: 'HIGH', created: '2016-09-15' }],
      itemLabel: 'See more tickets',
    });
  });

  test('answers REPLY_INVALID for a reply JSON cannot carry', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/bigint');
    expect(res.status).toBe(500);
    expect(res.error?.code).toBe('REPLY_INVALID');
  });

  test('judges the bytes it sends: a toJSON that turns one item into seven is REPLY_INVALID', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/to-json-seven');
    expect(res.status).toBe(500);
    expect(res.error?.code).toBe('REPLY_INVALID');
    expect(res.error?.issues).toEqual([expect.objectContaining({ path: 'results' })]);
  });

  test('sends exactly the JSON it checked when toJSON makes a reply valid', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/to-json-valid');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [{ objectId: 53701, title: 'x' }] });
  });

  test('reads a getter once and sends what it judged: one item, not the seven a second read gives', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/getter-once');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [{ objectId: 53701, title: 'x' }] });
  });

  test('a getter that first gives seven items: refused as written, then judged again on the bytes it sends', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/getter-seven-then-one');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [{ objectId: 53701, title: 'x' }] });
  });

  test('sends a class instance with its own fields as JSON.stringify writes it', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/class-instance');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [{ objectId: 53701, title: 'x' }], itemLabel: 'Issues' });
  });

  test.each([
    ['an inherited getter', '/inherited-results'],
    ['a Proxy whose keys are hidden', '/proxy-hides-results'],
  ])(
    'judges the bytes it sends: %s that JSON.stringify does not write is REPLY_INVALID',
    async (_name, path) => {
      const { client } = cardApp();
      const res = await client.cardFetch(path);
      expect(res.status).toBe(500);
      expect(res.error?.code).toBe('REPLY_INVALID');
      expect(res.error?.issues).toEqual([expect.objectContaining({ path: 'results' })]);
    },
  );

  test('answers REPLY_INVALID, naming it, when a handler returns nothing JSON can carry', async () => {
    const { client } = cardApp();
    const res = await client.cardFetch('/undefined');
    expect(res.status).toBe(500);
    expect(res.error?.issues).toEqual([{ path: '(root)', message: 'is undefined, which is not JSON' }]);
  });

  test('checks a channel-connection reply: a number that is not E.164', async () => {
    const { client } = cardApp();
    const res = await client.channelConnection('/calls');
    expect(res.error).toMatchObject({
      code: 'REPLY_INVALID',
      issues: [{ path: 'phoneNumbers.0.e164PhoneNumber' }],
    });
  });

  test('sends an action-hook reply as the handler built it, and judges the bytes a toJSON sends', async () => {
    const { client } = cardApp();
    const valid = await client.actionHook('/hook-message');
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({ message: 'Ticket closed' });
    const res = await client.actionHook('/hook-to-json');
    expect(res.status).toBe(500);
    expect(res.error).toMatchObject({ code: 'REPLY_INVALID', issues: [{ path: 'message' }] });
  });

  test('checks a Share Via payload inside its envelope', async () => {
    const { client } = cardApp();
    const res = await client.shareVia('/share', 'CHECK_PERMISSIONS', { requiredPermissions: [] });
    expect(res.error).toMatchObject({
      code: 'REPLY_INVALID',
      issues: [{ path: 'payload.hasAllRequiredPermissions' }],
    });
  });

  test('answers SHARE_OBJECT with an empty payload when the handler returns nothing', async () => {
    const { client } = cardApp();
    const res = await client.shareVia('/share', 'SHARE_OBJECT', {
      sender: { id: 1 },
      recipient: { id: 'a', name: 'b', type: 0 },
      objectMetadata: { id: 1, type: 2, name: 'r' },
    });
    expect(res.body).toEqual({ portalId: 62515, appId: 54321, eventType: 'SHARE_OBJECT', payload: {} });
  });
});

describe('handler exceptions', () => {
  test('hands the exception and the route to onError', async () => {
    const onError = vi.fn();
    const { client } = cardApp({ onError });
    await client.cardFetch('/throws');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'secret connection string leaked' }),
      {
        request: expect.any(Request),
        route: { path: '/throws', methods: ['GET'], kind: 'crm-card.fetch' },
      },
    );
  });

  test('logs the exception by default', async () => {
    const { client, logger } = cardApp();
    await client.cardFetch('/throws');
    expect(logger.entries[0]).toMatchObject({
      level: 'error',
      message: expect.stringContaining('/throws threw'),
    });
  });

  test('keeps the exception message out of production responses', async () => {
    const { client } = cardApp({ development: false });
    const res = await client.cardFetch('/throws');
    expect(res.status).toBe(500);
    expect(res.error?.code).toBe('HANDLER_FAILED');
    expect(JSON.stringify(res.body)).not.toContain('secret connection string');
  });

  test('answers 500 even when onError itself throws, and logs both', async () => {
    const { client, logger } = cardApp({
      onError: () => {
        throw new Error('reporter down');
      },
    });
    const res = await client.cardFetch('/throws-string');
    expect(res.status).toBe(500);
    expect(res.error?.message).toContain('plain string');
    expect(logger.entries[0]?.message).toContain('onError threw');
  });
});

describe('development default', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('is off without SPOKE_DEV, whatever NODE_ENV says', async () => {
    for (const nodeEnv of ['production', 'development', 'test', '']) {
      vi.stubEnv('NODE_ENV', nodeEnv);
      vi.stubEnv('SPOKE_DEV', '');
      const { client } = cardApp({ development: undefined });
      const res = await client.cardFetch('/no-currency');
      expect(res.error?.issues).toBeUndefined();
    }
  });

  test('is on with SPOKE_DEV=1 (what spoke dev sets), and only with 1', async () => {
    vi.stubEnv('SPOKE_DEV', '1');
    expect(
      (await cardApp({ development: undefined }).client.cardFetch('/no-currency')).error?.issues,
    ).toHaveLength(1);
    vi.stubEnv('SPOKE_DEV', 'true');
    expect(
      (await cardApp({ development: undefined }).client.cardFetch('/no-currency')).error?.issues,
    ).toBeUndefined();
  });

  test('an explicit development option wins over SPOKE_DEV', async () => {
    vi.stubEnv('SPOKE_DEV', '1');
    const { client } = cardApp({ development: false });
    expect((await client.cardFetch('/no-currency')).error?.issues).toBeUndefined();
  });
});

describe('a data fetch from the card converter is judged as the converter reads it', () => {
  const six = (objectId: number) => ({
    results: Array.from({ length: 6 }, (_, i) => ({ objectId: objectId + i, title: `Item ${i + 1}` })),
  });
  function converterApp() {
    const logger = memoryLogger();
    const app = createApp({ clientSecret: secret, logger, development: true })
      .crmCard('/six', (input) => six(input.associatedObjectId))
      .crmCard('/bad-date', (input) => ({
        results: [
          {
            objectId: input.associatedObjectId,
            title: 'x',
            properties: [{ label: 'Due', dataType: 'DATE', value: 'tomorrow' } as never],
          },
        ],
      }));
    return { app, logger };
  }

  test('six results are sent to the converter (its appId), with a warning in the log', async () => {
    const { app, logger } = converterApp();
    const res = await createTestClient(app, { clientSecret: secret, mode: 'converter' }).cardFetch('/six');
    expect(res.status).toBe(200);
    expect((res.body as { results: unknown[] }).results).toHaveLength(6);
    const warning = logger.entries.find((entry) => entry.level === 'warn');
    expect(warning?.details).toMatchObject({ route: '/six', converter: true });
    expect(warning?.message).toContain('results: the converter renders this; legacy HubSpot refused it');
  });

  test('the same reply to a legacy request is REPLY_INVALID', async () => {
    const { app, logger } = converterApp();
    const res = await createTestClient(app, { clientSecret: secret, mode: 'legacy' }).cardFetch('/six');
    expect(res.status).toBe(500);
    expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(false);
  });

  test('what the converter cannot read either stays REPLY_INVALID in converter mode', async () => {
    const { app } = converterApp();
    const res = await createTestClient(app, { clientSecret: secret, mode: 'converter' }).cardFetch(
      '/bad-date',
    );
    expect(res.status).toBe(500);
    expect(res.error?.code).toBe('REPLY_INVALID');
  });
});
