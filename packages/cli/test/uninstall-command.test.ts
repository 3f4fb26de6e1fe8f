import { createEmulator, type Emulator } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type InstallResult, runInstall } from '../src/commands/install.ts';
import { runUninstall, type UninstallCommandOptions } from '../src/commands/uninstall.ts';
import { runCommand } from '../src/output/run-command.ts';
import { inProcessBase, inProcessEmulator } from './helpers/in-process-emulator.ts';
import { type MemoryIo, memoryIo } from './helpers/memory-io.ts';

// Each test gets its own emulator: app 1000 seeded and installed in the dev portal.
let emulator: Emulator;
let routed: typeof fetch;

beforeEach(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
});
afterEach(async () => {
  await emulator.close();
});

const io = () => memoryIo({ fetch: routed, now: Date.now });
const getJson = async <T>(path: string) => (await (await routed(`${inProcessBase}${path}`)).json()) as T;
const installsOf = async (appId: number) =>
  (await getJson<{ results: { portalId: number }[] }>(`/_spoke/installs?appId=${appId}`)).results.map(
    (i) => i.portalId,
  );
const devPortal = async () => {
  const portal = (await getJson<{ results: { id: number; domain: string }[] }>('/_spoke/portals')).results[0];
  if (!portal) throw new Error('the emulator has no portal');
  return portal;
};

async function addPortal(name: string, domain: string): Promise<number> {
  const response = await routed(`${inProcessBase}/_spoke/portals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, domain }),
  });
  return ((await response.json()) as { id: number }).id;
}

/** Installs app 1000 as `spoke install --yes --json` does, and returns its tokens. */
async function installTokens(portalId?: number): Promise<InstallResult> {
  const out = io();
  const options = { emulator: inProcessBase, yes: true, json: true };
  await runInstall('1000', portalId === undefined ? options : { ...options, portal: String(portalId) }, out);
  return JSON.parse(out.out()) as InstallResult;
}

/** Runs the command as `spoke` does (errors printed, exit code returned) with its own io. */
async function uninstall(appId: string, options: UninstallCommandOptions, out: MemoryIo): Promise<number> {
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await runCommand(out, options.json === true, () => runUninstall(appId, options, out));
    return Number(process.exitCode ?? 0);
  } finally {
    process.exitCode = before;
  }
}

describe('spoke uninstall', () => {
  test('uninstalls the one portal the app is in, and its tokens are refused afterwards', async () => {
    const tokens = await installTokens();
    const portal = await devPortal();
    const bearer = { authorization: `Bearer ${tokens.accessToken}` };
    expect((await routed(`${inProcessBase}/crm/v3/objects/contacts`, { headers: bearer })).status).toBe(200);

    const out = io();
    expect(await uninstall('1000', { emulator: inProcessBase }, out), out.err()).toBe(0);
    expect(out.out()).toContain(`uninstalled app 1000 (`);
    expect(out.out()).toContain(`from portal ${portal.id} (${portal.domain})`);
    expect(out.out()).toContain('its access and refresh tokens are revoked');
    expect(out.out()).not.toContain('still installed');
    expect(await installsOf(1000)).toEqual([]);

    // The access token is refused where HubSpot would refuse it.
    const crm = await routed(`${inProcessBase}/crm/v3/objects/contacts`, { headers: bearer });
    expect(crm.status).toBe(401);
    expect(await crm.json()).toMatchObject({ code: 'CRM_TOKEN_INVALID', category: 'INVALID_AUTHENTICATION' });
    expect((await routed(`${inProcessBase}/oauth/v1/access-tokens/${tokens.accessToken}`)).status).toBe(404);
    // And the refresh token gets no new one.
    const app = await getJson<{ clientId: string; clientSecrets: string[] }>('/_spoke/apps/1000');
    const refreshed = await routed(`${inProcessBase}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecrets[0] ?? '',
        refresh_token: tokens.refreshToken,
      }),
    });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
  });

  test('--portal uninstalls from that portal only; --json prints the result', async () => {
    const dev = await devPortal();
    const second = await addPortal('Second portal', 'second.example.com');
    const kept = await installTokens(dev.id);
    const removed = await installTokens(second);
    const out = io();
    const code = await uninstall(
      '1000',
      { emulator: inProcessBase, portal: String(second), json: true },
      out,
    );
    expect(code, out.err()).toBe(0);
    const result = JSON.parse(out.out()) as Record<string, unknown>;
    expect(result).toEqual({
      ok: true,
      appId: 1000,
      portalId: second,
      hubDomain: 'second.example.com',
      scopes: removed.scopes,
      tokensRevoked: true,
      stillInstalledIn: [dev.id],
    });
    expect(out.err()).toBe('');
    expect(await installsOf(1000)).toEqual([dev.id]);
    // Only the uninstalled portal's token stopped working.
    const info = (token: string) => routed(`${inProcessBase}/oauth/v1/access-tokens/${token}`);
    expect((await info(removed.accessToken)).status).toBe(404);
    expect((await info(kept.accessToken)).status).toBe(200);
  });

  test('says where the app is still installed', async () => {
    const dev = await devPortal();
    const second = await addPortal('Second portal', 'second.example.com');
    await installTokens(second);
    const out = io();
    expect(await uninstall('1000', { emulator: inProcessBase, portal: String(dev.id) }, out)).toBe(0);
    expect(out.out()).toContain(`from portal ${dev.id} (${dev.domain})`);
    expect(out.out()).toContain(`still installed in portal ${second} (second.example.com)`);
  });

  test('an app in several portals and no --portal exits 2 with UNINSTALL_PORTAL_REQUIRED, listing them', async () => {
    const dev = await devPortal();
    const second = await addPortal('Second portal', 'second.example.com');
    await installTokens(second);
    const out = io();
    expect(await uninstall('1000', { emulator: inProcessBase, json: true }, out)).toBe(2);
    const { error } = JSON.parse(out.out()) as { error: { code: string; message: string } };
    expect(error.code).toBe('UNINSTALL_PORTAL_REQUIRED');
    expect(error.message).toContain(
      `is installed in 2 portals: ${dev.id} (${dev.domain}), ${second} (second.example.com). Say which to uninstall it from with --portal`,
    );
    // Nothing was uninstalled.
    expect(await installsOf(1000)).toEqual([dev.id, second]);
  });

  test('an app installed nowhere exits 1 with UNINSTALL_NOT_INSTALLED', async () => {
    const dev = await devPortal();
    expect(await uninstall('1000', { emulator: inProcessBase }, io())).toBe(0);
    const out = io();
    expect(await uninstall('1000', { emulator: inProcessBase }, out)).toBe(1);
    expect(out.err()).toContain('is installed in no portal, so there is nothing to uninstall');
    expect(out.err()).toContain('`spoke install 1000` installs it');
    expect(out.err()).toContain('docs/errors.md#uninstall-not-installed');
    // --portal naming a portal it is not in, or one the emulator does not have.
    const second = await addPortal('Second portal', 'second.example.com');
    await installTokens(second);
    const notThere = io();
    expect(await uninstall('1000', { emulator: inProcessBase, portal: String(dev.id) }, notThere)).toBe(1);
    expect(notThere.err()).toContain(
      `is not installed in portal ${dev.id} (${dev.domain}), so there is nothing to uninstall; it is installed in portal ${second} (second.example.com): pass one of those to --portal.`,
    );
    const unknown = io();
    expect(await uninstall('1000', { emulator: inProcessBase, portal: '999999' }, unknown)).toBe(1);
    expect(unknown.err()).toContain('portal 999999 (the emulator has no such portal)');
    expect(await installsOf(1000)).toEqual([second]);
  });

  test('an unknown app exits 1 with INSTALL_APP_NOT_FOUND, naming the apps there are', async () => {
    const out = io();
    expect(await uninstall('4242', { emulator: inProcessBase, json: true }, out)).toBe(1);
    const { error } = JSON.parse(out.out()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INSTALL_APP_NOT_FOUND');
    expect(error.message).toContain('the emulator at http://emulator.test has no app 4242; its apps: 1000 (');
  });

  test('bad options exit 2 before any request', async () => {
    for (const [appId, options] of [
      ['1000', { portal: 'first' }],
      ['1000', { emulator: 'emulator.test' }],
      ['app', {}],
    ] as [string, UninstallCommandOptions][]) {
      // No fetch at all: a request would fail the run with CLI_EMULATOR_UNREACHABLE instead.
      const out = memoryIo();
      expect(await uninstall(appId, options, out), JSON.stringify(options)).toBe(2);
      expect(out.err()).toContain('cli-option-invalid');
    }
  });

  test('an emulator that is not running exits 1 with CLI_EMULATOR_UNREACHABLE', async () => {
    const out = memoryIo({ fetch: globalThis.fetch });
    expect(await uninstall('1000', { emulator: 'http://127.0.0.1:9', json: true }, out)).toBe(1);
    expect(JSON.parse(out.out())).toMatchObject({ ok: false, error: { code: 'CLI_EMULATOR_UNREACHABLE' } });
  });
});

describe('spoke uninstall through an emulator that needs its access token', () => {
  test('SPOKE_EMULATOR_URL and SPOKE_EMULATOR_TOKEN name the emulator and its token', async () => {
    const accessToken = 'uninstall-test-emulator-token-0123';
    const guarded = await createEmulator({ accessToken, rateLimit: false });
    try {
      const { url } = await guarded.listen(0);
      const refused = memoryIo({ fetch: globalThis.fetch, env: { SPOKE_EMULATOR_URL: `${url}/` } });
      expect(await uninstall('1000', {}, refused)).toBe(1);
      expect(refused.err()).toContain('needs its access token: pass --token or set SPOKE_EMULATOR_TOKEN');
      const out = memoryIo({
        fetch: globalThis.fetch,
        env: { SPOKE_EMULATOR_URL: `${url}/`, SPOKE_EMULATOR_TOKEN: accessToken },
      });
      expect(await uninstall('1000', { json: true }, out), out.err()).toBe(0);
      expect(JSON.parse(out.out())).toMatchObject({ ok: true, appId: 1000, tokensRevoked: true });
      const installs = await guarded.fetch(
        new Request(`${url}/_spoke/installs?appId=1000`, {
          headers: { authorization: `Bearer ${accessToken}` },
        }),
      );
      expect(await installs.json()).toEqual({ results: [] });
    } finally {
      await guarded.close();
    }
  });
});
