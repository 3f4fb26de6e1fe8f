import { createEmulator, type Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../../tests/helpers/free-port.ts';
import { consentUrl, type InstallCommandOptions, parseTimeout, runInstall } from '../src/commands/install.ts';
import { browserCommand } from '../src/install/open-browser.ts';
import { runCommand } from '../src/output/run-command.ts';
import { inProcessBase, inProcessEmulator } from './helpers/in-process-emulator.ts';
import { type MemoryIo, memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;

beforeAll(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
});
afterAll(async () => {
  await emulator.close();
});

const io = () => memoryIo({ fetch: routed, now: Date.now });
const getJson = async <T>(path: string) => (await (await routed(`${inProcessBase}${path}`)).json()) as T;
const appOf = (id: number) =>
  getJson<{ redirectUrls?: string[]; scopes: string[]; clientId: string }>(`/_spoke/apps/${id}`);

/** Runs the command as `spoke` does (errors printed, exit code returned) with its own io. */
async function install(appId: string, options: InstallCommandOptions, out: MemoryIo): Promise<number> {
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await runCommand(out, options.json === true, () => runInstall(appId, options, out));
    return Number(process.exitCode ?? 0);
  } finally {
    process.exitCode = before;
  }
}

/** Waits until the command has printed the consent URL, and returns it. */
async function printedConsentUrl(out: MemoryIo): Promise<URL> {
  for (let i = 0; i < 500; i++) {
    const match = /(http:\/\/emulator\.test\/oauth\/\S*authorize\?\S+)/.exec(out.out() + out.err());
    if (match?.[1]) return new URL(match[1]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no consent URL printed:\n${out.out()}\n${out.err()}`);
}

/** What the consent screen's Connect (or Cancel) posts, from the consent URL's query. */
async function answerConsent(url: URL, extra: { cancel?: boolean; portalId?: number } = {}): Promise<string> {
  const q = url.searchParams;
  const response = await routed(`${inProcessBase}/_spoke/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: q.get('client_id'),
      redirectUri: q.get('redirect_uri'),
      scope: q.get('scope'),
      ...(q.get('optional_scope') ? { optionalScope: q.get('optional_scope') } : {}),
      state: q.get('state'),
      ...extra,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { location: string }).location;
}

describe('spoke install --yes', () => {
  test('consents for the dev portal and prints tokens the emulator accepts', async () => {
    const out = io();
    expect(await install('1000', { emulator: inProcessBase, yes: true, json: true }, out)).toBe(0);
    const result = JSON.parse(out.out()) as {
      ok: boolean;
      appId: number;
      portalId: number;
      scopes: string[];
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
    };
    expect(result.ok).toBe(true);
    expect(result.appId).toBe(1000);
    expect(result.expiresIn).toBe(1800);
    expect(result.refreshToken).toMatch(/^spoke-rt-/);
    expect(result).toMatchObject({ apiBase: inProcessBase });
    const app = await appOf(1000);
    expect(result.scopes).toEqual(app.scopes);
    const portals = await getJson<{ results: { id: number }[] }>('/_spoke/portals');
    expect(result.portalId).toBe(portals.results[0]?.id);
    // The access token works where HubSpot's would.
    const info = await routed(`${inProcessBase}/oauth/v1/access-tokens/${result.accessToken}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ app_id: 1000, hub_id: result.portalId, token_type: 'access' });
    // The app was left with no redirect URL of the run.
    expect(app.redirectUrls ?? []).toEqual([]);
    expect(out.err()).toContain('adding the redirect URL http://127.0.0.1/oauth-callback to app 1000');
  });

  test('prints the tokens as a table, for the portal and scopes asked for', async () => {
    const portal = await routed(`${inProcessBase}/_spoke/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Second portal', domain: 'second.example.com' }),
    });
    const { id: portalId } = (await portal.json()) as { id: number };
    const out = io();
    const code = await install(
      '1000',
      {
        emulator: inProcessBase,
        yes: true,
        portal: String(portalId),
        scope: ['crm.objects.contacts.read crm.objects.contacts.write'],
      },
      out,
    );
    expect(code, out.err()).toBe(0);
    expect(out.out()).toContain(`installed app 1000 (`);
    expect(out.out()).toContain(`in portal ${portalId} (second.example.com)`);
    expect(out.out()).toMatch(/access token {2}spoke-at-\S+/);
    expect(out.out()).toContain('scopes        crm.objects.contacts.read crm.objects.contacts.write');
    expect(out.out()).toContain('api base      http://emulator.test (basePath of @hubspot/api-client)');
    const installs = await getJson<{ results: { appId: number; portalId: number; scopes: string[] }[] }>(
      `/_spoke/installs?appId=1000&portalId=${portalId}`,
    );
    expect(installs.results.map((i) => i.scopes)).toEqual([
      ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
    ]);
  });

  test('--optional-scope asks for more scopes beside the required ones; the token carries both', async () => {
    const out = io();
    const code = await install(
      '1000',
      {
        emulator: inProcessBase,
        yes: true,
        json: true,
        scope: ['crm.objects.contacts.read'],
        optionalScope: ['crm.objects.deals.read,crm.objects.contacts.read'],
      },
      out,
    );
    expect(code, out.err()).toBe(0);
    expect(JSON.parse(out.out())).toMatchObject({
      scopes: ['crm.objects.contacts.read', 'crm.objects.deals.read'],
    });
  });

  test('a scope the app does not have is refused with the emulator’s words', async () => {
    const out = io();
    expect(await install('1000', { emulator: inProcessBase, yes: true, scope: ['files'] }, out)).toBe(1);
    expect(out.err()).toContain('does not have the scope files');
  });
});

describe('spoke install in a browser', () => {
  test('prints the consent URL, takes the redirect on loopback and prints working tokens', async () => {
    const out = io();
    const running = install('1000', { emulator: inProcessBase, json: true }, out);
    const url = await printedConsentUrl(out);
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth-callback$/);
    expect(url.searchParams.get('client_id')).toBe((await appOf(1000)).clientId);
    expect(url.searchParams.get('scope')).toBe((await appOf(1000)).scopes.join(' '));
    // The printed URL is HubSpot's install URL: the emulator sends the browser to its consent screen.
    const opened = await routed(url.toString(), { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(`/#/oauth/authorize${url.search}`);
    // For the run, the loopback URL is one of the app's redirect URLs (HubSpot matches exactly).
    expect((await appOf(1000)).redirectUrls).toContain(redirectUri);
    // The browser: Connect, then follow the location to the listener.
    const location = await answerConsent(url);
    expect(location.startsWith(`${redirectUri}?code=`)).toBe(true);
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('App 1000 installed');
    expect(await running).toBe(0);
    const result = JSON.parse(out.out()) as { accessToken: string; portalId: number };
    const info = await routed(`${inProcessBase}/oauth/v1/access-tokens/${result.accessToken}`);
    expect(info.status).toBe(200);
    expect((await appOf(1000)).redirectUrls ?? []).not.toContain(redirectUri);
  });

  test('with --port on a redirect URL the app has registered, the app is left as it is', async () => {
    const port = await freePort();
    const registered = `http://127.0.0.1:${port}/oauth-callback`;
    const others = ['https://app.example.com/oauth-callback'];
    await routed(`${inProcessBase}/_spoke/apps/1000`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirectUrls: [...others, registered] }),
    });
    try {
      const out = io();
      const running = install('1000', { emulator: inProcessBase, port: String(port) }, out);
      const url = await printedConsentUrl(out);
      expect(url.searchParams.get('redirect_uri')).toBe(registered);
      expect((await fetch(await answerConsent(url))).status).toBe(200);
      expect(await running).toBe(0);
      expect(out.err()).not.toContain('adding the redirect URL');
      expect((await appOf(1000)).redirectUrls).toEqual([...others, registered]);
    } finally {
      await routed(`${inProcessBase}/_spoke/apps/1000`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirectUrls: null }),
      });
    }
  });

  test('--portal gives the install URL of that one account; --open opens it', async () => {
    const out = io();
    const opened: string[] = [];
    const portals = await getJson<{ results: { id: number }[] }>('/_spoke/portals');
    const portalId = portals.results[0]?.id ?? 0;
    const running = runInstall(
      '1000',
      { emulator: inProcessBase, portal: String(portalId), open: true, timeout: '5s' },
      out,
      {
        openUrl: async (target) => {
          opened.push(target);
          return false;
        },
      },
    );
    const url = await printedConsentUrl(out);
    expect(url.pathname).toBe(`/oauth/${portalId}/authorize`);
    const location = await answerConsent(url, { portalId });
    expect((await fetch(location)).status).toBe(200);
    expect(await running).toBe(0);
    expect(opened).toEqual([url.toString()]);
    expect(out.out()).toContain('no browser could be opened here');
    expect(out.out()).toContain(`installed app 1000`);
  });

  test('Cancel on the consent screen exits 1 with HubSpot’s error and installs nothing', async () => {
    const portalId = (await getJson<{ results: { id: number }[] }>('/_spoke/portals')).results[0]?.id;
    await routed(`${inProcessBase}/_spoke/installs/1000/${portalId}`, { method: 'DELETE' });
    const out = io();
    const running = install('1000', { emulator: inProcessBase }, out);
    const location = await answerConsent(await printedConsentUrl(out), { cancel: true });
    const page = await fetch(location);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('App 1000 not installed');
    expect(await running).toBe(1);
    expect(out.err()).toContain('docs/errors.md#install-denied');
    expect(out.err()).toContain('error=access_denied ("The user declined to connect the app")');
    const installs = await getJson<{ results: unknown[] }>(
      `/_spoke/installs?appId=1000&portalId=${portalId}`,
    );
    expect(installs.results).toEqual([]);
  });

  test('a redirect with another state is refused and its code is not used', async () => {
    const out = io();
    const running = install('1000', { emulator: inProcessBase, json: true }, out);
    const url = await printedConsentUrl(out);
    const forged = new URL(url);
    forged.searchParams.set('state', 'forged');
    const location = await answerConsent(forged);
    const code = new URL(location).searchParams.get('code');
    expect((await fetch(location)).status).toBe(400);
    expect(await running).toBe(1);
    expect(JSON.parse(out.out())).toMatchObject({ ok: false, error: { code: 'INSTALL_STATE_MISMATCH' } });
    // The code is still unused: the CLI never exchanged it.
    const app = await appOf(1000);
    const secret = (await getJson<{ clientSecrets: string[] }>('/_spoke/apps/1000')).clientSecrets[0] ?? '';
    const exchanged = await routed(`${inProcessBase}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        client_secret: secret,
        redirect_uri: url.searchParams.get('redirect_uri') ?? '',
        code: code ?? '',
      }),
    });
    expect(exchanged.status).toBe(200);
  });

  test('no redirect within --timeout exits 1 with INSTALL_TIMEOUT and cleans up', async () => {
    const out = io();
    expect(await install('1000', { emulator: inProcessBase, timeout: '30ms', json: true }, out)).toBe(1);
    expect(JSON.parse(out.out())).toMatchObject({ ok: false, error: { code: 'INSTALL_TIMEOUT' } });
    expect(out.err()).toContain('within 30 ms');
    const redirectUri = /redirect_uri=([^&\s]+)/.exec(out.err())?.[1] ?? '';
    expect(decodeURIComponent(redirectUri)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth-callback$/);
    expect((await appOf(1000)).redirectUrls ?? []).not.toContain(decodeURIComponent(redirectUri));
    // The listener is gone.
    await expect(fetch(decodeURIComponent(redirectUri))).rejects.toThrow();
  });
  test('Ctrl-C while waiting exits 1 with INSTALL_CANCELLED and takes the redirect URL off the app', async () => {
    const out = io();
    const stop = new AbortController();
    const before = process.exitCode;
    process.exitCode = 0;
    const running = runCommand(out, false, () =>
      runInstall('1000', { emulator: inProcessBase }, out, { stop: stop.signal }),
    );
    const redirectUri = (await printedConsentUrl(out)).searchParams.get('redirect_uri') ?? '';
    expect((await appOf(1000)).redirectUrls).toContain(redirectUri);
    stop.abort();
    await running;
    const code = process.exitCode;
    process.exitCode = before;
    expect(code).toBe(1);
    expect(out.err()).toContain('docs/errors.md#install-cancelled');
    expect((await appOf(1000)).redirectUrls ?? []).not.toContain(redirectUri);
    await expect(fetch(redirectUri)).rejects.toThrow();
  });
});

describe('spoke install refusals', () => {
  test('an unknown app exits 1 with INSTALL_APP_NOT_FOUND, naming the apps there are', async () => {
    const out = io();
    expect(await install('4242', { emulator: inProcessBase, yes: true }, out)).toBe(1);
    expect(out.err()).toContain('the emulator at http://emulator.test has no app 4242; its apps: 1000 (');
    expect(out.err()).toContain('docs/errors.md#install-app-not-found');
  });

  test('an emulator that is not running exits 1 with CLI_EMULATOR_UNREACHABLE', async () => {
    const out = memoryIo();
    expect(await install('1000', { emulator: 'http://127.0.0.1:9', yes: true, json: true }, out)).toBe(1);
    expect(JSON.parse(out.out())).toMatchObject({ ok: false, error: { code: 'CLI_EMULATOR_UNREACHABLE' } });
  });

  test('bad options exit 2 before any request', async () => {
    for (const options of [
      { timeout: 'soon' },
      { port: '70000' },
      { portal: 'first' },
      { yes: true, open: true },
      { emulator: 'emulator.test' },
    ] as InstallCommandOptions[]) {
      const out = memoryIo();
      expect(await install('1000', options, out), JSON.stringify(options)).toBe(2);
      expect(out.err()).toContain('cli-option-invalid');
    }
    expect(await install('app', {}, memoryIo())).toBe(2);
  });

  test('--timeout takes seconds or a unit', () => {
    expect(parseTimeout('300')).toBe(300_000);
    expect(parseTimeout('90s')).toBe(90_000);
    expect(parseTimeout('5m')).toBe(300_000);
    expect(parseTimeout('250ms')).toBe(250);
    expect(() => parseTimeout('0')).toThrow(/not a duration/);
  });
});

describe('spoke install through an emulator that needs its access token', () => {
  test('--token goes with every call, the token endpoint included; without it the error says so', async () => {
    const accessToken = 'install-test-emulator-token-0123';
    const guarded = await createEmulator({ accessToken, rateLimit: false });
    try {
      const { url } = await guarded.listen(0);
      const refused = memoryIo({ fetch: globalThis.fetch, now: Date.now });
      expect(await install('1000', { emulator: url, yes: true }, refused)).toBe(1);
      expect(refused.err()).toContain('needs its access token: pass --token or set SPOKE_EMULATOR_TOKEN');
      const out = memoryIo({
        fetch: globalThis.fetch,
        now: Date.now,
        env: { SPOKE_EMULATOR_TOKEN: accessToken },
      });
      expect(await install('1000', { emulator: url, yes: true, json: true }, out), out.err()).toBe(0);
      const { accessToken: issued } = JSON.parse(out.out()) as { accessToken: string };
      const info = await guarded.fetch(new Request(`${url}/oauth/v1/access-tokens/${issued}`));
      expect(await info.json()).toMatchObject({ app_id: 1000, token_type: 'access' });
    } finally {
      await guarded.close();
    }
  });
});

describe('consent URL and browser opener', () => {
  test('the consent URL is HubSpot’s, with optional_scope only when there is one', () => {
    const query = {
      clientId: 'c',
      redirectUri: 'http://127.0.0.1:1/oauth-callback',
      scope: 'a b',
      optionalScope: '',
      state: 's',
    };
    expect(consentUrl('http://h', query)).toBe(
      'http://h/oauth/authorize?client_id=c&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Foauth-callback&scope=a+b&state=s',
    );
    expect(consentUrl('http://h', { ...query, optionalScope: 'x' }, 7)).toContain('/oauth/7/authorize?');
    expect(consentUrl('http://h', { ...query, optionalScope: 'x' }, 7)).toContain('&optional_scope=x&');
  });

  test('opens with open, start or xdg-open', () => {
    expect(browserCommand('http://x/?a=1&b=2', 'darwin')).toEqual({
      command: 'open',
      args: ['http://x/?a=1&b=2'],
    });
    expect(browserCommand('http://x/?a=1&b=2', 'linux').command).toBe('xdg-open');
    expect(browserCommand('http://x/?a=1&b=2', 'win32').args).toEqual([
      '/c',
      'start',
      '""',
      'http://x/?a=1^&b=2',
    ]);
  });
});
