import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createEmulator, createSqliteStore, type Emulator } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { identityProblem, parseReady } from '../tools/start/emulator-identity.ts';
import { portProblem } from '../tools/start/ports.ts';
import { type SpawnedStart, spawnStart } from './e2e/helpers/run-npm-start.ts';
import { freePort } from './helpers/free-port.ts';

// `npm start` refuses busy ports before it starts or pushes anything, and says "Spoke is running"
// only when every step worked. The happy path (URLs printed and answering, Ctrl-C frees both
// ports) is the e2e scenario in tests/e2e/bug-tracker-scenario.ts.

const developerApiKey = 'spoke-dev-key';
const exitWithinMs = 30_000;

let dataDir = '';
let start: SpawnedStart | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spoke-start-'));
});

afterEach(async () => {
  start?.kill();
  start = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Start's exit code, or an error with its output when it is still running after `ms`. */
async function exitCode(running: SpawnedStart, ms = exitWithinMs): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`npm start still running after ${ms} ms:\n${running.output()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([running.exited(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function closeServer(server: Server | NetServer): Promise<void> {
  return new Promise((done) => server.close(() => done()));
}

/** A node:http server on `port` that answers 404 and notes every request. */
async function httpHolder(port: number): Promise<string[]> {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  cleanups.push(() => {
    server.closeAllConnections();
    return closeServer(server);
  });
  return seen;
}

/** An emulator with the same developer API key as npm start's, with one card, noting every request. */
async function emulatorHolder(port: number): Promise<{ emulator: Emulator; seen: string[] }> {
  const emulator = await createEmulator({ seed: { developerApiKey } });
  const created = await emulator.fetch(
    new Request(`http://127.0.0.1:${port}/crm/v3/extensions/cards-dev/1000?hapikey=${developerApiKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Another app',
        fetch: {
          targetUrl: 'https://another.test/card',
          objectTypes: [{ name: 'contacts', propertiesToSend: [] }],
        },
        display: { properties: [] },
        actions: { baseUrls: ['https://another.test'] },
      }),
    }),
  );
  expect(created.status).toBe(201);
  const seen: string[] = [];
  const server = serve({
    fetch: (request: Request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return emulator.fetch(request);
    },
    port,
    hostname: '127.0.0.1',
  }) as Server;
  await new Promise<void>((done, fail) => {
    if (server.listening) done();
    server.once('listening', done).once('error', fail);
  });
  cleanups.push(async () => {
    server.closeAllConnections();
    await closeServer(server);
    await emulator.close();
  });
  return { emulator, seen };
}

async function cardTitles(emulator: Emulator): Promise<string[]> {
  const response = await emulator.fetch(
    new Request(`http://emulator/crm/v3/extensions/cards-dev/1000?hapikey=${developerApiKey}`),
  );
  return ((await response.json()) as { results: { title: string }[] }).results.map((card) => card.title);
}

describe('npm start on busy ports', () => {
  test('SPOKE_PORT held by another Spoke emulator: exits 1 naming the port and the fix, pushes nothing', async () => {
    const [spokePort, examplePort] = [await freePort(), await freePort()];
    const holder = await emulatorHolder(spokePort);
    start = spawnStart({ spokePort, examplePort, dataDir });
    expect(await exitCode(start)).toBe(1);
    const output = start.output();
    expect(output).toContain(`port ${spokePort} on 127.0.0.1 (SPOKE_PORT, for the emulator) is taken`);
    expect(output).toContain('another Spoke emulator');
    expect(output).toMatch(/SPOKE_PORT=\d+ EXAMPLE_PORT=\d+ npm start/);
    expect(output).not.toContain('Spoke is running');
    expect(output).not.toContain('[push]');
    // The other app's card survived and only read-only requests reached its emulator.
    expect(await cardTitles(holder.emulator)).toEqual(['Another app']);
    expect(holder.seen.filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(holder.seen.filter((request) => request.includes('/crm/'))).toEqual([]);
    // Nothing started: no data file, the example's port still free.
    expect(existsSync(join(dataDir, 'emulator.db'))).toBe(false);
    expect(await portProblem(examplePort)).toBeNull();
  });

  test('SPOKE_PORT held by a plain TCP server: exits 1 naming the port and the fix', async () => {
    const [spokePort, examplePort] = [await freePort(), await freePort()];
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((done) => server.listen(spokePort, '127.0.0.1', done));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    });
    start = spawnStart({ spokePort, examplePort, dataDir });
    expect(await exitCode(start)).toBe(1);
    const output = start.output();
    expect(output).toContain(
      `port ${spokePort} on 127.0.0.1 (SPOKE_PORT, for the emulator) is taken by a process that does not answer HTTP`,
    );
    expect(output).toContain('Nothing was started and nothing was pushed');
    expect(output).toMatch(/SPOKE_PORT=\d+ EXAMPLE_PORT=\d+ npm start/);
    expect(output).not.toContain('Spoke emulator ready');
    expect(existsSync(join(dataDir, 'emulator.db'))).toBe(false);
  });

  test('EXAMPLE_PORT held: exits 1 naming it, starts no emulator (its port stays free)', async () => {
    const [spokePort, examplePort] = [await freePort(), await freePort()];
    const seen = await httpHolder(examplePort);
    start = spawnStart({ spokePort, examplePort, dataDir });
    expect(await exitCode(start)).toBe(1);
    const output = start.output();
    expect(output).toContain(
      `port ${examplePort} on 127.0.0.1 (EXAMPLE_PORT, for the example service) is taken by an HTTP server that is not a Spoke emulator`,
    );
    expect(output).toMatch(/SPOKE_PORT=\d+ EXAMPLE_PORT=\d+ npm start/);
    expect(output).not.toContain('Spoke emulator ready');
    expect(output).not.toContain('Spoke is running');
    expect(seen.filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(existsSync(join(dataDir, 'emulator.db'))).toBe(false);
    expect(await portProblem(spokePort)).toBeNull();
  });
});

describe('npm start when a step fails', () => {
  test('the example service failing stops the emulator too: exit 1, nothing pushed, both ports free', async () => {
    const [spokePort, examplePort, closedPort] = [await freePort(), await freePort(), await freePort()];
    start = spawnStart({
      spokePort,
      examplePort,
      dataDir,
      // Nothing listens there: the bug tracker cannot open its database and exits.
      env: { DATABASE_URL: `postgres://spoke@127.0.0.1:${closedPort}/tracker` },
    });
    expect(await exitCode(start, 90_000)).toBe(1);
    const output = start.output();
    expect(output).toContain('Spoke emulator ready at');
    expect(output).toContain('the bug tracker exited with code 1 before it was ready');
    expect(output).not.toContain('[push]');
    expect(output).not.toContain('Spoke is running');
    expect(await portProblem(spokePort)).toBeNull();
    expect(await portProblem(examplePort)).toBeNull();
    const store = await createSqliteStore({ url: join(dataDir, 'emulator.db') });
    try {
      expect(await store.cards.list()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 100_000);
});

describe("the emulator's identity", () => {
  test("parseReady reads the URL and developer API key from spoke emulator's ready block", () => {
    const lines = [
      'info something first',
      'Spoke emulator ready at http://127.0.0.1:3400',
      '  app id             1000',
      '  developer API key  spoke-dev-key',
    ];
    expect(parseReady(lines.slice(0, 3))).toBeNull();
    expect(parseReady(lines)).toEqual({ url: 'http://127.0.0.1:3400', developerApiKey: 'spoke-dev-key' });
  });

  test('an emulator with another data file or key is not the one npm start started', async () => {
    const file = join(dataDir, 'emulator.db');
    const store = await createSqliteStore({ url: file });
    const emulator = await createEmulator({ store, seed: { developerApiKey } });
    const { url } = await emulator.listen(0, '127.0.0.1');
    cleanups.push(async () => {
      await emulator.close();
      await store.close();
    });
    expect(await identityProblem(url, { dataFile: file, developerApiKey })).toBeNull();
    expect(await identityProblem(url, { dataFile: join(dataDir, 'other.db'), developerApiKey })).toMatch(
      /keeps its data in .*emulator\.db, not .*other\.db/,
    );
    expect(await identityProblem(url, { dataFile: file, developerApiKey: 'someone-else' })).toMatch(
      /no app with the developer API key/,
    );
    const plainPort = await freePort();
    await httpHolder(plainPort);
    expect(
      await identityProblem(`http://127.0.0.1:${plainPort}`, { dataFile: file, developerApiKey }),
    ).toMatch(/does not answer like a Spoke emulator \(GET \/_spoke\/info answered 404\)/);
  });
});
