import { createEmulator, type Emulator } from '@spoke/emulator';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { timeCalls } from './lib/measure-ops.ts';
import { median, percentile } from './lib/stats.ts';

/** Overhead target of one API call over the bare health route, p50: cheap enough for thousands. */
export const apiBudgetMs = 2;

/** Rounds, requests per round and contender, warm-up calls of each. */
export function apiSettings(quick: boolean) {
  return quick ? { rounds: 1, requests: 20, warmup: 5 } : { rounds: 5, requests: 300, warmup: 500 };
}

const clientSecret = 'bench-0000-client-secret-0000';
const redirectUri = 'http://127.0.0.1:3500/oauth-callback';

/** An emulator listening on 127.0.0.1, with app 1000 installed through OAuth and its tokens. */
export interface ApiBench {
  base: string;
  emulator: Emulator;
  clientId: string;
  refreshToken: string;
  accessToken: string;
  contactId: string;
  close(): Promise<void>;
}

async function ok(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`[bench] ${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** Starts the emulator on a socket (as an integration's tests reach it) and installs app 1000. */
export async function createApiBench(): Promise<ApiBench> {
  // A measurement, not a HubSpot session: no rate limit may shape the numbers.
  const emulator = await createEmulator({ seed: { appId: 1000, clientSecret }, rateLimit: false });
  try {
    const { port } = await emulator.listen(0);
    const base = `http://127.0.0.1:${port}`;
    const json = (method: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const app = (await ok(
      await json('PATCH', '/_spoke/apps/1000', { redirectUrls: [redirectUri] }),
      'PATCH /_spoke/apps/1000',
    )) as { clientId: string; scopes: string[] };
    const { location } = (await ok(
      await json('POST', '/_spoke/oauth/authorize', {
        clientId: app.clientId,
        redirectUri,
        scope: app.scopes.join(' '),
      }),
      'POST /_spoke/oauth/authorize',
    )) as { location: string };
    const code = new URL(location).searchParams.get('code') ?? '';
    const tokens = (await ok(
      await fetch(`${base}/oauth/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: app.clientId,
          client_secret: clientSecret,
          redirect_uri: redirectUri,
          code,
        }),
      }),
      'POST /oauth/v1/token (authorization_code)',
    )) as { access_token: string; refresh_token: string };
    const contact = (await ok(
      await json('POST', '/_spoke/records/contacts', {
        properties: { email: 'jane.doe@example.com', firstname: 'Jane', lastname: 'Doe' },
      }),
      'POST /_spoke/records/contacts',
    )) as { id: string };
    return {
      base,
      emulator,
      clientId: app.clientId,
      refreshToken: tokens.refresh_token,
      accessToken: tokens.access_token,
      contactId: contact.id,
      close: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** `GET /_spoke/health`: the emulator's cheapest route, the yardstick of the same server and socket. */
export async function health(bench: ApiBench): Promise<void> {
  await ok(await fetch(`${bench.base}/_spoke/health`), 'GET /_spoke/health');
}

/** `POST /oauth/v1/token` with the refresh grant, as an app refreshes its access token. */
export async function refreshGrant(bench: ApiBench): Promise<void> {
  await ok(
    await fetch(`${bench.base}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: bench.clientId,
        client_secret: clientSecret,
        refresh_token: bench.refreshToken,
      }),
    }),
    'POST /oauth/v1/token (refresh_token)',
  );
}

/** `GET /crm/v3/objects/contacts/{id}` with the app's bearer token, as `basicApi.getById` sends it. */
export async function getContact(bench: ApiBench): Promise<void> {
  await ok(
    await fetch(`${bench.base}/crm/v3/objects/contacts/${bench.contactId}?properties=email,firstname`, {
      headers: { authorization: `Bearer ${bench.accessToken}`, accept: 'application/json' },
    }),
    'GET /crm/v3/objects/contacts/{id}',
  );
}

const p50 = async (call: () => Promise<void>, requests: number) =>
  percentile(await timeCalls(call, requests), 50);

/**
 * The API an installed app calls, through the emulator on a socket: the token endpoint's refresh
 * grant and the CRM API's getById, p50 each, against `GET /_spoke/health` on the same server in
 * the same rounds.
 */
export async function emulatorApi({ quick }: BenchOptions): Promise<BenchResult[]> {
  const settings = apiSettings(quick);
  const bench = await createApiBench();
  try {
    for (let index = 0; index < settings.warmup; index += 1) {
      await health(bench);
      await refreshGrant(bench);
      await getContact(bench);
    }
    const samples = await interleave(settings.rounds, [
      { key: 'health', measure: () => p50(() => health(bench), settings.requests) },
      { key: 'token', measure: () => p50(() => refreshGrant(bench), settings.requests) },
      { key: 'get-by-id', measure: () => p50(() => getContact(bench), settings.requests) },
    ]);
    const baselineValues = samplesOf(samples, 'health');
    const against = (name: string, key: string, what: string) => {
      const values = samplesOf(samples, key);
      const base = median(baselineValues);
      const value = median(values);
      return compareRounds({
        name,
        baseline: 'GET /_spoke/health on the same emulator, p50',
        unit: 'ms',
        better: 'lower',
        target: base / (base + apiBudgetMs),
        values,
        baselineValues,
        note: `${what}: ${(value - base).toFixed(2)} ms over the health route at p50 (target ≤ ${apiBudgetMs} ms; target ratio = health ÷ (health + ${apiBudgetMs})), over HTTP on 127.0.0.1, in-memory store`,
      });
    };
    return [
      against(
        'emulator-api.token-refresh-p50',
        'token',
        'POST /oauth/v1/token, grant_type=refresh_token (a new access token stored each call)',
      ),
      against(
        'emulator-api.crm-get-by-id-p50',
        'get-by-id',
        'GET /crm/v3/objects/contacts/{id}?properties=email,firstname with a bearer token (token, install and scopes checked, the record read)',
      ),
    ];
  } finally {
    await bench.close();
  }
}
