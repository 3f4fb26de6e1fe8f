import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpokeApp } from '@spoke/framework';
import { spokeExpress } from '@spoke/framework/express';
import { createTestClient } from '@spoke/framework/testing';
import express from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { type AdapterHarness, runConformance } from './conformance.ts';
import { buildApp, secret } from './support.ts';

async function listen(server: express.Express): Promise<AdapterHarness> {
  const http: Server = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    http.once('listening', resolve).once('error', reject);
  });
  const { port } = http.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    send: (request) => fetch(request),
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
    ownsNotFound: false,
  };
}

/** express.json() that keeps the raw bytes, the documented way to parse before Spoke. */
const jsonKeepingRawBody = () =>
  express.json({
    verify: (req: IncomingMessage & { rawBody?: Buffer }, _res, buf) => {
      req.rawBody = buf;
    },
  });

runConformance('Express on port 0', async (app) => {
  const server = express();
  server.use(spokeExpress(app));
  return listen(server);
});

runConformance('Express after express.json({ verify }) keeping rawBody', async (app) => {
  const server = express();
  server.use(jsonKeepingRawBody());
  server.use(spokeExpress(app));
  return listen(server);
});

describe('Express body parsers and mounting', () => {
  let open: AdapterHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.map((harness) => harness.close()));
    open = [];
  });

  async function serveWith(build: (server: express.Express, app: SpokeApp) => void) {
    const built = buildApp();
    const server = express();
    build(server, built.app);
    const harness = await listen(server);
    open.push(harness);
    const client = createTestClient(built.app, {
      clientSecret: secret,
      clock: built.clock,
      baseUrl: harness.baseUrl,
      fetch: (request) => harness.send(request),
    });
    return { ...built, client };
  }

  test('answers RAW_BODY_UNAVAILABLE when express.json() ran first without keeping the raw body', async () => {
    const { client, seen, logger } = await serveWith((server, app) => {
      server.use(express.json());
      server.use(spokeExpress(app));
    });
    const res = await client.channelConnection('/calls');
    expect(res.status).toBe(500);
    expect(res.error?.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(res.error?.message).toContain('before express.json()');
    expect(seen).toHaveLength(0);
    expect(logger.entries[0]?.message).toContain('docs/errors.md#raw-body-unavailable');
  });

  test('still serves GET routes after express.json(), which leaves bodiless requests alone', async () => {
    const { client } = await serveWith((server, app) => {
      server.use(express.json());
      server.use(spokeExpress(app));
    });
    expect((await client.cardFetch('/card')).status).toBe(200);
  });

  test('works with express.json() mounted after it', async () => {
    const { client } = await serveWith((server, app) => {
      server.use(spokeExpress(app));
      server.use(express.json());
    });
    expect((await client.channelConnection('/calls')).status).toBe(200);
  });

  test('passes paths it has no route for to the next middleware', async () => {
    const { client } = await serveWith((server, app) => {
      server.use(spokeExpress(app));
      server.get('/health', (_req, res) => {
        res.json({ ok: true });
      });
    });
    const res = await client.request({ path: '/health', sign: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  test('answers unknown paths itself with fallthrough: false', async () => {
    const { client } = await serveWith((server, app) => {
      server.use(spokeExpress(app, { fallthrough: false }));
    });
    const res = await client.request({ path: '/nowhere' });
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('ROUTE_NOT_FOUND');
  });

  test('routes and verifies the full path under a mount path', async () => {
    const built = buildApp();
    built.app.crmCard('/hubspot/card', (input) => ({
      results: [{ objectId: input.associatedObjectId, title: 'x' }],
    }));
    const server = express();
    server.use('/hubspot', spokeExpress(built.app));
    const harness = await listen(server);
    open.push(harness);
    const client = createTestClient(built.app, {
      clientSecret: secret,
      clock: built.clock,
      baseUrl: harness.baseUrl,
      fetch: (request) => harness.send(request),
    });
    expect((await client.cardFetch('/hubspot/card')).status).toBe(200);
  });
});
