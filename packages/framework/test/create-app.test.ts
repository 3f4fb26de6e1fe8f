import {
  type AppOptions,
  createApp,
  frameworkErrorCodes,
  type ShareViaHandlers,
  SpokeFrameworkError,
} from '@spoke/framework';
import { describe, expect, test } from 'vitest';
import { secret } from './support.ts';

const card = () => ({ results: [] });
const shareVia: ShareViaHandlers = {
  checkPermissions: () => ({ hasAllRequiredPermissions: true }),
  fetchRecipients: () => ({ recipients: { total: 0, results: [] } }),
  fetchRecipient: ({ payload }) => ({ recipient: { id: payload.id, name: 'x', type: payload.type } }),
  shareObject: async () => {},
};

describe('createApp configuration', () => {
  test.each([
    ['no secret at all', {}],
    ['an empty secret (unset environment variable)', { clientSecret: '' }],
    ['an empty secret list', { clientSecrets: [] }],
    ['a list holding an empty secret', { clientSecrets: ['new', ''] }],
    ['both clientSecret and clientSecrets', { clientSecret: 'a', clientSecrets: ['b'] }],
    ['a relative publicUrl', { clientSecret: secret, publicUrl: '/hubspot' }],
    ['a publicUrl with a query', { clientSecret: secret, publicUrl: 'https://x.example?a=1' }],
    ['a non-http publicUrl', { clientSecret: secret, publicUrl: 'ftp://x.example' }],
    ['a zero bodyLimit', { clientSecret: secret, bodyLimit: 0 }],
    ['a fractional bodyLimit', { clientSecret: secret, bodyLimit: 1.5 }],
  ])('throws APP_CONFIG_INVALID for %s', (_name, options) => {
    expect(() => createApp(options as AppOptions)).toThrow(
      expect.objectContaining({ code: 'APP_CONFIG_INVALID' }),
    );
  });

  test('names the fix in the APP_CONFIG_INVALID message', () => {
    expect(() => createApp({ clientSecret: '' })).toThrow(
      /unset environment variable.*docs\/errors\.md#app-config-invalid/,
    );
  });

  test('accepts a publicUrl with a path prefix and drops its trailing slash', () => {
    expect(createApp({ clientSecret: secret, publicUrl: 'https://x.example/svc/' }).publicUrl).toBe(
      'https://x.example/svc',
    );
  });

  test('defaults bodyLimit to the protocol limit', () => {
    expect(createApp({ clientSecret: secret }).bodyLimit).toBe(1_048_576);
  });
});

describe('route registration', () => {
  test('chains and lists every route with its kind and methods', () => {
    const app = createApp({ clientSecret: secret })
      .crmCard('/card', card)
      .actionHook('/hook', () => ({ message: 'ok' }), { methods: ['POST', 'DELETE'] })
      .shareVia('/share/', shareVia)
      .channelConnection('/calls', () => ({ phoneNumbers: [] }));
    expect(app.routes).toEqual([
      { path: '/card', methods: ['GET'], kind: 'crm-card.fetch' },
      { path: '/hook', methods: ['POST', 'DELETE'], kind: 'crm-card.action-hook' },
      {
        path: '/share/feature/SHARE_VIA/event/CHECK_PERMISSIONS',
        methods: ['POST'],
        kind: 'share-via.check-permissions',
      },
      {
        path: '/share/feature/SHARE_VIA/event/FETCH_RECIPIENTS',
        methods: ['POST'],
        kind: 'share-via.fetch-recipients',
      },
      {
        path: '/share/feature/SHARE_VIA/event/FETCH_RECIPIENT',
        methods: ['POST'],
        kind: 'share-via.fetch-recipient',
      },
      {
        path: '/share/feature/SHARE_VIA/event/SHARE_OBJECT',
        methods: ['POST'],
        kind: 'share-via.share-object',
      },
      { path: '/calls', methods: ['POST'], kind: 'calling.channel-connection' },
    ]);
    expect(app.hasRoute('/calls')).toBe(true);
    expect(app.hasRoute('/call')).toBe(false);
  });

  test('an action hook answers all five hook methods by default', () => {
    const app = createApp({ clientSecret: secret }).actionHook('/hook', () => undefined);
    expect(app.routes[0]?.methods).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
  });

  test('mounts Share Via at the root for basePath "/"', () => {
    const app = createApp({ clientSecret: secret }).shareVia('/', shareVia);
    expect(app.hasRoute('/feature/SHARE_VIA/event/SHARE_OBJECT')).toBe(true);
  });

  test('throws ROUTE_DUPLICATE when a path and method are already served', () => {
    const app = createApp({ clientSecret: secret }).crmCard('/x', card);
    expect(() => app.actionHook('/x', () => undefined)).toThrow(
      expect.objectContaining({ code: 'ROUTE_DUPLICATE' }),
    );
    expect(() => app.crmCard('/x', card)).toThrow(/GET \/x is already served by the crm-card\.fetch handler/);
  });

  test('lets two kinds share a path when their methods differ', () => {
    const app = createApp({ clientSecret: secret })
      .crmCard('/x', card)
      .actionHook('/x', () => undefined, { methods: ['POST'] });
    expect(app.routes).toHaveLength(2);
  });

  test.each([
    ['without a leading slash', 'card'],
    ['with a query', '/card?x=1'],
    ['with a space', '/my card'],
  ])('throws APP_CONFIG_INVALID for a path %s', (_name, path) => {
    expect(() => createApp({ clientSecret: secret }).crmCard(path, card)).toThrow(
      expect.objectContaining({ code: 'APP_CONFIG_INVALID' }),
    );
  });

  test('throws APP_CONFIG_INVALID for an action-hook method that is not a hook method', () => {
    const app = createApp({ clientSecret: secret });
    expect(() => app.actionHook('/h', () => undefined, { methods: [] })).toThrow(
      expect.objectContaining({ code: 'APP_CONFIG_INVALID' }),
    );
    const options = { methods: ['OPTIONS'] } as unknown as { methods: ['GET'] };
    expect(() => app.actionHook('/h', () => undefined, options)).toThrow(/must answer some of GET, POST/);
  });

  test('throws APP_CONFIG_INVALID for a missing Share Via handler or a non-function handler', () => {
    const app = createApp({ clientSecret: secret });
    const { shareObject: _, ...partial } = shareVia;
    expect(() => app.shareVia('/s', partial as ShareViaHandlers)).toThrow(/needs a shareObject handler/);
    expect(() => app.crmCard('/c', 'nope' as unknown as typeof card)).toThrow(
      expect.objectContaining({ code: 'APP_CONFIG_INVALID' }),
    );
  });
});

describe('error registry', () => {
  test('maps every code to an HTTP status', () => {
    for (const status of Object.values(frameworkErrorCodes)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  test('SpokeFrameworkError carries code, status, cause and a doc link', () => {
    const cause = new Error('root');
    const error = new SpokeFrameworkError('REQUEST_INVALID', 'bad input.', { cause });
    expect(error).toMatchObject({ code: 'REQUEST_INVALID', status: 400, cause, name: 'SpokeFrameworkError' });
    expect(error.message).toBe('[spoke] bad input. See docs/errors.md#request-invalid');
  });
});
