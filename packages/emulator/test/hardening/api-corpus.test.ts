import { type Emulator, emulatorStateSchema } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApi } from '../../src/api/create-api.ts';
import { testClock, testEmulator } from '../helpers/test-emulator.ts';
import { buildBaseline, corpusService, storeFingerprint } from './baseline.ts';
import { responseProblems } from './check-response.ts';
import { addToTally, type CorpusTally, tallyTable } from './corpus-report.ts';
import { type EndpointSpec, endpoints, type Fixture } from './endpoints.ts';
import { writeHardeningReport } from './hardening-report.ts';
import { type HostileCase, hostileCases } from './hostile-cases.ts';
import { type RawResponse, rawClient } from './raw-http.ts';

/*
 * The hostile corpus (issue 9): every route the router serves gets its valid request plus seeded
 * hostile variants (hostile-cases.ts). Each answer must be 2xx where the route's own schema takes
 * the request, else a HubSpot-shaped 4xx naming the problem; never a 5xx. After every request that
 * is not a GET, the store's whole export (request log included) is hashed and compared with the
 * baseline: the request log records only the platform's outbound calls, so a refused request must
 * leave it byte-equal too. An accepted write is undone by importing the baseline again.
 * Choices the corpus pins down: the body is read as JSON whatever the content type says (and a
 * leading byte-order mark is dropped); repeated Authorization headers arrive joined and are refused
 * (401); an id past 2^53 in a path is a 400, not a lookup of a rounded number.
 */
const seed = 20_261_126;

/** The UI catch-all (`GET *`): the index page, and HubSpot-shaped 404s for anything else. */
function uiCases(): HostileCase[] {
  const ui: EndpointSpec = { method: 'GET', route: '*', family: 'ui', params: {}, writes: false };
  const get = (path: string, expect: HostileCase['expect']): HostileCase => ({
    name: path.slice(0, 30),
    cls: expect === 'accepted' ? 'valid' : 'path-param',
    endpoint: ui,
    request: { method: 'GET', path },
    expect,
    ...(expect === 'refused' ? { statuses: [404], mentions: ['no route'] } : {}),
  });
  return [
    get('/', 'accepted'),
    get('/index.html', 'accepted'),
    get('/nope', 'refused'),
    get('/%ZZ', 'refused'),
    get('/..%2f..%2fetc%2fpasswd', 'refused'),
    get(`/${'a'.repeat(3000)}`, 'refused'),
    get('/_spoke', 'refused'),
    get('/crm/v3/extensions/unknown', 'refused'),
  ];
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

describe('hostile requests against every developer and control API route', () => {
  let emulator: Emulator;
  let client: ReturnType<typeof rawClient>;
  let fixture: Fixture;
  let specs: EndpointSpec[];

  beforeAll(async () => {
    // Hundreds of requests on one key and a frozen clock: HubSpot's rate limit would answer 429
    // after 110; this corpus measures validation, so the limit is off (developer-rate-limit.test.ts has it).
    emulator = await testEmulator({ clock: testClock(), fetch: corpusService().fetch, rateLimit: false });
    const { port } = await emulator.listen(0);
    client = rawClient(port);
    fixture = await buildBaseline(emulator);
    specs = endpoints(fixture);
  });
  afterAll(async () => {
    client?.close();
    await emulator?.close();
  });

  test('the corpus covers exactly the routes the router serves', async () => {
    const api = createApi({ store: emulator.store } as never);
    const served = api.routes
      .filter((route) => route.method !== 'ALL' && route.path !== '/*')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const covered = specs.map((spec) => `${spec.method} ${spec.route}`).sort();
    expect(covered).toEqual(served);
    expect(served.length).toBeGreaterThan(70);
  });

  test('a path id past 2^53 is a 400 naming the parameter, not a lookup of a rounded number', async () => {
    const res = await client.send({ method: 'GET', path: `/_spoke/apps/${'9'.repeat(30)}` });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      code: 'API_VALIDATION_FAILED',
      errors: [
        {
          in: 'appId',
          message: `must be at most ${Number.MAX_SAFE_INTEGER}, or it cannot be held exactly as a number`,
        },
      ],
    });
  });

  test('every hostile request is refused with a HubSpot-shaped 4xx (never a 5xx) and writes nothing', async () => {
    const baselineState = emulatorStateSchema.parse(fixture.state);
    const baseline = await storeFingerprint(emulator);
    const started = { wall: performance.now(), cpu: process.cpuUsage() };
    const cases = [...hostileCases(specs, seed), ...uiCases()];
    const tally: CorpusTally = {};
    const failures: string[] = [];
    let restores = 0;

    // Reads are checked in groups (one fingerprint before the next write), every write after itself.
    let readsSinceCheck: string[] = [];
    const checkReads = async () => {
      if (readsSinceCheck.length === 0) return;
      if ((await storeFingerprint(emulator)) !== baseline) {
        failures.push(`reads changed the store: ${readsSinceCheck.slice(0, 5).join('; ')}`);
      }
      readsSinceCheck = [];
    };
    for (const c of cases) {
      const label = `${c.request.method} ${c.endpoint.route} [${c.cls}] ${c.name}`;
      if (c.request.method !== 'GET') await checkReads();
      let res: RawResponse;
      try {
        res = await client.send(c.request);
      } catch (error) {
        failures.push(`${label}: request failed (${String(error)})`);
        continue;
      }
      addToTally(tally, c.endpoint.family, c.cls, res.status);
      for (const problem of responseProblems(c, res)) failures.push(`${label}: ${problem}`);
      if (c.request.method === 'GET') {
        readsSinceCheck.push(label);
        continue;
      }

      const after = await storeFingerprint(emulator);
      if (after === baseline) continue;
      if (res.status >= 400) failures.push(`${label}: refused with ${res.status} but the store changed`);
      else if (!c.endpoint.writes) failures.push(`${label}: a read changed the store`);
      // Back to the baseline (the store's own import: the same transaction `PUT /_spoke/state` runs,
      // without re-parsing 17 kB per restore); the next case's fingerprint proves it worked.
      await emulator.store.importState(baselineState);
      restores += 1;
    }

    await checkReads();
    const table = tallyTable(tally);
    console.log(`hostile corpus: ${cases.length} requests, seed ${seed}, ${restores} restores\n${table}`);
    writeHardeningReport('emulator-api', {
      seed,
      requests: cases.length,
      routes: specs.length,
      restoresAfterAcceptedWrites: restores,
      // Client and emulator share this process, so CPU time is the whole cost; wall time varies with load.
      wallSeconds: Math.round(performance.now() - started.wall) / 1000,
      cpuSeconds: Math.round(cpuSeconds(process.cpuUsage(started.cpu)) * 10) / 10,
      failures,
      byFamily: tally,
    });
    expect(failures.slice(0, 40)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    // Health still answers after the whole corpus.
    expect((await client.send({ method: 'GET', path: '/_spoke/health' })).status).toBe(200);
  }, 300_000);
});
