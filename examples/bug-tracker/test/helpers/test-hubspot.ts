import { createEmulator, type Emulator } from '@spoke/emulator';
import type { Logger } from '@spoke/framework';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import {
  baseUrl,
  createTestTracker,
  type ManualClock,
  manualClock,
  type TestTracker,
  type TestTrackerOptions,
  testSecret,
} from './test-tracker.ts';

/** The redirect URL the test tracker registers: its base URL's `/oauth/callback`. */
export const redirectUri = `${baseUrl}/oauth/callback`;

/** An in-process emulator on a real port (the official client speaks HTTP), on a clock the test moves. */
export interface TestHubSpot {
  readonly emulator: Emulator;
  /** `http://127.0.0.1:{port}`: both HUBSPOT_APP_URL and HUBSPOT_API_URL of the tracker. */
  readonly url: string;
  /** The seeded app's OAuth client id (app 1000, redirect URL registered). */
  readonly clientId: string;
  /** The time of both the emulator and the tracker. */
  readonly clock: ManualClock;
  /** A control-API call, in process. */
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * Registers hooks on the current suite: an emulator seeded with the tracker's client secret, app
 * 1000 with `redirectUri` registered, listening on 127.0.0.1; closed after the suite.
 */
export function useTestHubSpot(): TestHubSpot {
  const clock = manualClock();
  const state = { emulator: null as Emulator | null, url: '', clientId: '' };
  const call = async <T>(method: string, path: string, body?: unknown) => {
    if (!state.emulator) throw new Error('the emulator is not running: call inside a test');
    const response = await state.emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  beforeAll(async () => {
    state.emulator = await createEmulator({
      seed: { clientSecret: testSecret, developerApiKey: 'test-developer-key' },
      clock: clock.now,
    });
    state.url = (await state.emulator.listen(0, '127.0.0.1')).url;
    const app = await call<{ clientId: string }>('PATCH', '/_spoke/apps/1000', {
      redirectUrls: [redirectUri],
    });
    if (app.status !== 200) throw new Error(`PATCH /_spoke/apps/1000: ${JSON.stringify(app.body)}`);
    state.clientId = app.body.clientId;
  });
  afterAll(async () => {
    await state.emulator?.close();
  });
  return {
    get emulator() {
      if (!state.emulator) throw new Error('the emulator is not running: use it inside a test');
      return state.emulator;
    },
    get url() {
      return state.url;
    },
    get clientId() {
      return state.clientId;
    },
    clock,
    call,
  };
}

/** The tracker options that point it at the test emulator. */
export function hubspotOptions(
  hubspot: TestHubSpot,
  extra: { writeBackWaitMs?: number; apiUrl?: string } = {},
) {
  return {
    clientId: hubspot.clientId,
    appUrl: hubspot.url,
    apiUrl: extra.apiUrl ?? hubspot.url,
    ...(extra.writeBackWaitMs === undefined ? {} : { writeBackWaitMs: extra.writeBackWaitMs }),
  };
}

/** A test tracker on `db` pointed at the test emulator and on its clock; `extra` overrides any option. */
export function trackerOnHubSpot(
  db: Database,
  hubspot: TestHubSpot,
  extra: TestTrackerOptions = {},
): Promise<TestTracker> {
  return createTestTracker(db, { clock: hubspot.clock, hubspot: hubspotOptions(hubspot), ...extra });
}

/** What the consent screen's Connect (or Cancel) does, for the authorize URL `/oauth/install` sent the browser to. */
export async function consent(
  hubspot: TestHubSpot,
  authorizeUrl: string,
  extra: { cancel?: boolean } = {},
): Promise<URL> {
  const query = new URL(authorizeUrl).searchParams;
  const answer = await hubspot.call<{ location: string }>('POST', '/_spoke/oauth/authorize', {
    clientId: query.get('client_id'),
    redirectUri: query.get('redirect_uri'),
    scope: query.get('scope'),
    state: query.get('state') ?? undefined,
    ...extra,
  });
  if (answer.status !== 200) throw new Error(`consent: ${JSON.stringify(answer.body)}`);
  return new URL(answer.body.location);
}

/** `/oauth/install` as a browser opens it: the authorize URL it redirects to and the state cookie it sets. */
export async function startInstall(t: TestTracker): Promise<{ authorizeUrl: string; cookie: string }> {
  const response = await t.page('/oauth/install', { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`/oauth/install answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { authorizeUrl: response.headers.get('location') ?? '', cookie };
}

/** The browser back on the tracker's redirect URL, with its cookie. */
export function callback(t: TestTracker, location: URL, cookie: string): Promise<Response> {
  return t.page(`${location.pathname}${location.search}`, { headers: { cookie } });
}

/** The whole install, Connect included; throws unless the tracker answered 200. */
export async function installTracker(t: TestTracker, hubspot: TestHubSpot): Promise<void> {
  const { authorizeUrl, cookie } = await startInstall(t);
  const response = await callback(t, await consent(hubspot, authorizeUrl), cookie);
  if (response.status !== 200)
    throw new Error(`/oauth/callback answered ${response.status}: ${await response.text()}`);
}

/** A logger that keeps every line, for asserting what the tracker logged. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}
