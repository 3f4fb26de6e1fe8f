import { describe, expect, test } from 'vitest';
import { trackerScopes } from '../src/hubspot/hubspot-account.ts';
import { databaseKinds, useTestDatabases } from './helpers/test-databases.ts';
import {
  callback,
  consent,
  installTracker,
  recordingLogger,
  redirectUri,
  startInstall,
  trackerOnHubSpot,
  useTestHubSpot,
} from './helpers/test-hubspot.ts';
import { createTestTracker, portalId, type TestTrackerOptions, testSecret } from './helpers/test-tracker.ts';

const minutes = (n: number) => n * 60_000;

interface InstallRow {
  appId: number;
  portalId: number;
  scopes: string[];
  userId: number | null;
}

describe.each(databaseKinds)('installing the tracker through HubSpot OAuth, on %s', (kind) => {
  const databases = useTestDatabases(kind);
  const hubspot = useTestHubSpot();
  const tracker = async (extra: TestTrackerOptions = {}) =>
    trackerOnHubSpot(await databases.open(), hubspot, { seed: false, ...extra });

  test('/oauth/install sends the browser to the consent screen with the scopes, the redirect URL and a state', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${hubspot.url}/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(hubspot.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([...trackerScopes]);
    const state = url.searchParams.get('state') ?? '';
    expect(cookie).toBe(`bug_tracker_oauth_state=${state.split('.')[0]}`);
    // The emulator's consent screen accepts exactly this request.
    const view = await hubspot.call<{ app: { id: number } }>(
      'GET',
      `/_spoke/oauth/consent?${url.searchParams}`,
    );
    expect(view.status).toBe(200);
    expect(view.body.app.id).toBe(1000);
  });

  test('Connect → /oauth/callback exchanges the code and stores the portal’s tokens; HubSpot lists the install', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    const response = await callback(t, await consent(hubspot, authorizeUrl), cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(
      /^bug_tracker_oauth_state=; Path=\/oauth; .*Max-Age=0/,
    );
    const page = await response.text();
    expect(page).toContain(`data-portal-id="${portalId}"`);
    expect(page).toContain('Bug Tracker is installed in HubSpot portal');
    const install = await t.store.installs.get(portalId);
    expect(install).toMatchObject({
      portalId,
      accessToken: expect.stringMatching(/^spoke-at-/),
      refreshToken: expect.stringMatching(/^spoke-rt-/),
      expiresAt: hubspot.clock.now() + minutes(30),
      scopes: [...trackerScopes],
      uninstalledAt: null,
    });
    const installs = await hubspot.call<{ results: InstallRow[] }>('GET', '/_spoke/installs?appId=1000');
    expect(installs.body.results).toEqual([
      expect.objectContaining({ appId: 1000, portalId, scopes: [...trackerScopes], userId: 1 }),
    ]);
    // The stored token works on HubSpot's API.
    const info = await hubspot.call<{ hub_id: number }>(
      'GET',
      `/oauth/v1/access-tokens/${install?.accessToken}`,
    );
    expect(info.body.hub_id).toBe(portalId);
  });

  test('a state that is not this browser’s is refused (400 TRACKER_OAUTH_STATE_INVALID) and the code is not used', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    const location = await consent(hubspot, authorizeUrl);
    const noCookie = await callback(t, location, '');
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain('data-code="TRACKER_OAUTH_STATE_INVALID"');
    const otherBrowser = await callback(t, location, 'bug_tracker_oauth_state=AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(otherBrowser.status).toBe(400);
    const altered = new URL(location);
    altered.searchParams.set('state', `${altered.searchParams.get('state')}x`);
    expect((await callback(t, altered, cookie)).status).toBe(400);
    const noState = new URL(location);
    noState.searchParams.delete('state');
    expect((await callback(t, noState, cookie)).status).toBe(400);
    expect(await t.store.installs.get(portalId)).toBeNull();
    // The code was left alone: the right browser still installs with it.
    expect((await callback(t, location, cookie)).status).toBe(200);
  });

  test('a state older than 10 minutes is refused', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    hubspot.clock.advance(minutes(11));
    const location = await consent(hubspot, authorizeUrl);
    const response = await callback(t, location, cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('older than 10 minutes');
  });

  test('Cancel on the consent screen (error=access_denied) shows a page saying nothing was installed', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    const location = await consent(hubspot, authorizeUrl, { cancel: true });
    expect(location.searchParams.get('error')).toBe('access_denied');
    const response = await callback(t, location, cookie);
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('data-code="TRACKER_OAUTH_DENIED"');
    expect(page).toContain('The user declined to connect the app (access_denied)');
    expect(page).toContain('http://tracker.test/oauth/install');
    expect(await t.store.installs.get(portalId)).toBeNull();
  });

  test('a code HubSpot refuses (used twice) is a 502 TRACKER_OAUTH_EXCHANGE_FAILED naming HubSpot’s answer', async () => {
    const t = await tracker();
    const { authorizeUrl, cookie } = await startInstall(t);
    const location = await consent(hubspot, authorizeUrl);
    expect((await callback(t, location, cookie)).status).toBe(200);
    const again = await callback(t, location, cookie);
    expect(again.status).toBe(502);
    const page = await again.text();
    expect(page).toContain('data-code="TRACKER_OAUTH_EXCHANGE_FAILED"');
    expect(page).toContain('HubSpot answered 400 BAD_AUTH_CODE');
  });

  test('without HUBSPOT_CLIENT_ID, /oauth/install says so (503 TRACKER_OAUTH_NOT_CONFIGURED)', async () => {
    const t = await createTestTracker(await databases.open(), { seed: false });
    const response = await t.page('/oauth/install', { redirect: 'manual' });
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('data-code="TRACKER_OAUTH_NOT_CONFIGURED"');
    expect(page).toContain('HUBSPOT_CLIENT_ID');
  });

  test('a token is used as it is until 5 minutes are left, then refreshed and stored', async () => {
    const t = await tracker();
    await installTracker(t, hubspot);
    const first = await t.store.installs.get(portalId);
    const account = t.tracker.hubspot;
    if (!first || !account) throw new Error('not installed');
    hubspot.clock.advance(minutes(24));
    expect(await account.accessToken(portalId)).toBe(first.accessToken);
    hubspot.clock.advance(minutes(2)); // 4 minutes left
    const fresh = await account.accessToken(portalId);
    expect(fresh).toMatch(/^spoke-at-/);
    expect(fresh).not.toBe(first.accessToken);
    expect(await t.store.installs.get(portalId)).toMatchObject({
      accessToken: fresh,
      refreshToken: first.refreshToken,
      expiresAt: hubspot.clock.now() + minutes(30),
    });
    // The emulator, on the same clock, takes the new token and not the expired old one.
    hubspot.clock.advance(minutes(5));
    expect((await hubspot.call('GET', `/oauth/v1/access-tokens/${fresh}`)).status).toBe(200);
    expect((await hubspot.call('GET', `/oauth/v1/access-tokens/${first.accessToken}`)).status).toBe(404);
  });

  test('a refresh refused for a wrong client secret keeps the install and says what to check', async () => {
    const logger = recordingLogger();
    const t = await tracker({ logger });
    await installTracker(t, hubspot);
    expect((await hubspot.call('PATCH', '/_spoke/apps/1000', { clientSecrets: ['rotated'] })).status).toBe(
      200,
    );
    try {
      hubspot.clock.advance(minutes(27));
      expect(await t.tracker.hubspot?.accessToken(portalId)).toBeNull();
      expect((await t.store.installs.get(portalId))?.uninstalledAt).toBeNull();
      expect(logger.lines.at(-1)).toMatch(
        /^warn \[bug-tracker\] portal 62515: could not refresh the access token \(HubSpot answered 400 BAD_CLIENT_SECRET: .*\); check HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET\./,
      );
    } finally {
      await hubspot.call('PATCH', '/_spoke/apps/1000', { clientSecrets: [testSecret] });
    }
  });

  test('a refresh HubSpot refuses (uninstalled) marks the install gone and logs it, without throwing', async () => {
    const logger = recordingLogger();
    const t = await tracker({ logger });
    await installTracker(t, hubspot);
    expect((await hubspot.call('DELETE', `/_spoke/installs/1000/${portalId}`)).status).toBe(204);
    hubspot.clock.advance(minutes(27));
    expect(await t.tracker.hubspot?.accessToken(portalId)).toBeNull();
    const install = await t.store.installs.get(portalId);
    expect(install?.uninstalledAt).toBe(new Date(hubspot.clock.now()).toISOString());
    expect(install?.accessToken).toBe('');
    expect(logger.lines.filter((line) => line.startsWith('warn '))).toEqual([
      expect.stringMatching(
        /^warn \[bug-tracker\] portal 62515: HubSpot answered 400 BAD_REFRESH_TOKEN: .*no longer installed there.*\/oauth\/install.*docs\/errors\.md#tracker-hubspot-uninstalled$/,
      ),
    ]);
    expect(
      logger.lines.filter((line) => line.includes('errors.md#tracker-hubspot-uninstalled')),
    ).toHaveLength(1); // TRACKER_HUBSPOT_UNINSTALLED
    // Later calls do not ask HubSpot again; installing again brings the portal back.
    expect(await t.tracker.hubspot?.accessToken(portalId)).toBeNull();
    expect(logger.lines.at(-1)).toContain('portal 62515 has uninstalled the tracker');
    await installTracker(t, hubspot);
    expect((await t.store.installs.get(portalId))?.uninstalledAt).toBeNull();
  });
});
