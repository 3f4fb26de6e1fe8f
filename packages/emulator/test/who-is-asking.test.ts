import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.ts';

// The emulator checks who is asking: Host (DNS rebinding), Origin / Sec-Fetch-Site (CSRF),
// Content-Type on JSON routes, and an access token beyond loopback. docs/security.md.

const keys = { developerApiKey: 'devkey-who-is-asking', clientSecret: 'secret-who-is-asking' };
const open: Emulator[] = [];

async function start(options: Parameters<typeof createEmulator>[0] = {}): Promise<Emulator> {
  const emulator = await createEmulator({ seed: keys, ...options });
  open.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request to 127.0.0.1:port with exactly these headers (Host included). */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const faultBody = JSON.stringify({ corruptSignature: true });

async function faultCount(emulator: Emulator): Promise<number> {
  const response = await emulator.fetch(new Request('http://emulator.test/_spoke/faults'));
  return ((await response.json()) as { results: unknown[] }).results.length;
}

describe('Host allow-list (requests through listen())', () => {
  test('loopback names and IP literals pass; a foreign name is refused in HubSpot shape, and nothing runs', async () => {
    const emulator = await start();
    const { port } = await emulator.listen(0);
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      'localhost',
      'app.localhost:1',
    ]) {
      const reply = await raw(port, 'GET', '/_spoke/health', { host });
      expect(reply.status, host).toBe(200);
    }
    const rebind = await raw(port, 'GET', '/_spoke/state', { host: `rebind.attacker.example:${port}` });
    expect(rebind.status).toBe(403);
    const body = JSON.parse(rebind.body) as Record<string, string>;
    expect(body).toMatchObject({ status: 'error', code: 'API_HOST_NOT_ALLOWED' });
    expect(body.message).toContain('--allowed-host rebind.attacker.example');
    expect(rebind.body).not.toContain(keys.clientSecret);
    // A write through a foreign name changes nothing.
    const write = await raw(
      port,
      'POST',
      '/_spoke/faults',
      { host: 'rebind.attacker.example', 'content-type': 'application/json' },
      faultBody,
    );
    expect(write.status).toBe(403);
    expect(await faultCount(emulator)).toBe(0);
    // A Host that does not parse is refused too (by node's adapter, 400, or by the check, 403).
    expect([400, 403]).toContain((await raw(port, 'GET', '/_spoke/health', { host: 'a b' })).status);
    expect([400, 403]).toContain(
      (await raw(port, 'GET', '/_spoke/health', { host: 'user@evil.example' })).status,
    );
  });

  test('allowedHosts admits a name (and subdomains with a leading dot); in-process fetch is not checked', async () => {
    const emulator = await start({ allowedHosts: ['spoke.test', '.dev.example'] });
    const { port } = await emulator.listen(0);
    expect((await raw(port, 'GET', '/_spoke/health', { host: 'spoke.test:1' })).status).toBe(200);
    expect((await raw(port, 'GET', '/_spoke/health', { host: 'a.dev.example' })).status).toBe(200);
    expect((await raw(port, 'GET', '/_spoke/health', { host: 'dev.example' })).status).toBe(200);
    expect((await raw(port, 'GET', '/_spoke/health', { host: 'notdev.example' })).status).toBe(403);
    const inProcess = await emulator.fetch(new Request('http://made-up.example/_spoke/health'));
    expect(inProcess.status).toBe(200);
  });
});

describe('cross-site requests (every request, in-process too)', () => {
  const cases: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['another port on the same host', { origin: 'http://emulator.test:8080' }],
    ['the null origin (sandboxed frame, file:)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (another localhost port)', { 'sec-fetch-site': 'same-site' }],
  ];
  test.each(cases)('a write with %s is refused and changes nothing', async (_name, headers) => {
    const emulator = await start();
    for (const type of ['text/plain', 'application/json']) {
      const response = await emulator.fetch(
        new Request('http://emulator.test/_spoke/faults', {
          method: 'POST',
          headers: { ...headers, 'content-type': type },
          body: faultBody,
        }),
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        code: 'API_CROSS_SITE_REQUEST',
        category: 'INVALID_AUTHENTICATION',
      });
    }
    const developer = await emulator.fetch(
      new Request(
        `http://emulator.test/crm/v3/extensions/calling/1000/settings?hapikey=${keys.developerApiKey}`,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Dialer', url: 'https://dial.example/app' }),
        },
      ),
    );
    expect(developer.status).toBe(403);
    // API reads from another site are refused as well (unless a top-level navigation).
    const read = await emulator.fetch(new Request('http://emulator.test/_spoke/state', { headers }));
    expect(read.status).toBe(403);
    expect(await faultCount(emulator)).toBe(0);
  });

  test('same-origin, none, and no header at all (curl, the CLI, the official client) pass', async () => {
    const emulator = await start();
    const variants: Record<string, string>[] = [
      { origin: 'http://emulator.test', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of variants) {
      const response = await emulator.fetch(
        new Request('http://emulator.test/_spoke/faults', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: faultBody,
        }),
      );
      expect(response.status, JSON.stringify(headers)).toBe(201);
    }
    const navigation = await emulator.fetch(
      new Request('http://emulator.test/_spoke/health', {
        headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      }),
    );
    expect(navigation.status).toBe(200);
    expect(await faultCount(emulator)).toBe(3);
  });
});

describe('JSON routes need Content-Type: application/json', () => {
  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    '%s is refused with 415 and a message saying what to send',
    async (type) => {
      const emulator = await start();
      const response = await emulator.fetch(
        new Request('http://emulator.test/_spoke/faults', {
          method: 'POST',
          headers: { 'content-type': type },
          body: faultBody,
        }),
      );
      expect(response.status).toBe(415);
      const body = (await response.json()) as { code: string; category: string; message: string };
      expect(body.code).toBe('API_UNSUPPORTED_MEDIA_TYPE');
      expect(body.category).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(body.message).toContain('Content-Type: application/json');
      expect(await faultCount(emulator)).toBe(0);
    },
  );

  test('application/json with a charset and +json types are JSON; an empty body still takes its default', async () => {
    const emulator = await start();
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await emulator.fetch(
        new Request('http://emulator.test/_spoke/faults', {
          method: 'POST',
          headers: { 'content-type': type },
          body: faultBody,
        }),
      );
      expect(response.status, type).toBe(201);
    }
    const opened = await emulator.fetch(
      new Request('http://emulator.test/_spoke/records/contacts/101/cards', { method: 'POST' }),
    );
    expect(opened.status).toBe(200);
  });
});

describe('access token', () => {
  test('a token is required from the network, through the Bearer header, ?token= or the cookie', async () => {
    const token = 'a-test-token-of-24-chars';
    const emulator = await start({ accessToken: token });
    const { port, accessToken } = await emulator.listen(0);
    expect(accessToken).toBe(token);
    expect(emulator.accessToken).toBe(token);
    const host = `127.0.0.1:${port}`;
    const missing = await raw(port, 'GET', '/_spoke/state', { host });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({
      code: 'API_ACCESS_TOKEN_REQUIRED',
      category: 'INVALID_AUTHENTICATION',
    });
    expect(missing.body).not.toContain(keys.clientSecret);
    expect(
      (await raw(port, 'GET', '/_spoke/state', { host, authorization: 'Bearer wrong-token' })).status,
    ).toBe(401);
    expect((await raw(port, 'GET', '/_spoke/health', { host })).status).toBe(200);
    expect((await raw(port, 'GET', '/_spoke/state', { host, authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    expect((await raw(port, 'GET', `/_spoke/state?token=${token}`, { host })).status).toBe(200);
    // The developer API keeps ?hapikey= (or its own Bearer) and takes the token as ?token=.
    const cards = await raw(
      port,
      'GET',
      `/crm/v3/extensions/cards-dev/1000?hapikey=${keys.developerApiKey}&token=${token}`,
      {
        host,
      },
    );
    expect(cards.status).toBe(200);
    const cardsBearer = await raw(
      port,
      'GET',
      `/crm/v3/extensions/cards-dev/1000?hapikey=${keys.developerApiKey}`,
      {
        host,
        authorization: `Bearer ${token}`,
      },
    );
    expect(cardsBearer.status).toBe(200);
    // Opening the UI with ?token= sets an HttpOnly, SameSite=Strict cookie and drops the token from the URL.
    const opened = await raw(port, 'GET', `/?token=${token}`, { host });
    expect(opened.status).toBe(302);
    expect(opened.headers.location).toBe('/');
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toContain(`spoke_token_${port}=${token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const withCookie = await raw(port, 'GET', '/_spoke/state', {
      host,
      cookie: `spoke_token_${port}=${token}`,
    });
    expect(withCookie.status).toBe(200);
    // In-process calls are the program that owns the emulator: no token.
    expect((await emulator.fetch(new Request('http://emulator.test/_spoke/state'))).status).toBe(200);
  });

  test('loopback needs no token; a short token is refused at creation', async () => {
    const emulator = await start();
    const { port, accessToken } = await emulator.listen(0, '127.0.0.1');
    expect(accessToken).toBeNull();
    expect((await raw(port, 'GET', '/_spoke/state', { host: `127.0.0.1:${port}` })).status).toBe(200);
    await expect(createEmulator({ accessToken: 'short' })).rejects.toMatchObject({
      code: 'EMULATOR_CONFIG_INVALID',
    });
  });

  test('binding 0.0.0.0 generates a random token and warns that secrets are exposed', async () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string) => void warnings.push(message),
    };
    const emulator = await start({ logger });
    // Bound for the duration of this test only; traffic goes to loopback.
    const { port, accessToken } = await emulator.listen(0, '0.0.0.0');
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(warnings.join('\n')).toMatch(/client secrets and the developer API key/);
    expect((await raw(port, 'GET', '/_spoke/state', { host: `127.0.0.1:${port}` })).status).toBe(401);
    const authorized = await raw(port, 'GET', '/_spoke/state', {
      host: `127.0.0.1:${port}`,
      authorization: `Bearer ${accessToken}`,
    });
    expect(authorized.status).toBe(200);
  });
});

describe('UI responses', () => {
  test('carry CSP, nosniff, no-referrer and SAMEORIGIN framing', async () => {
    const emulator = await start();
    const response = await emulator.fetch(new Request('http://emulator.test/'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'self'",
      'frame-src http: https:',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
