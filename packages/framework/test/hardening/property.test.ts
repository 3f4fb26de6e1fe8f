import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHardeningApp, otherSecret, routes } from './app.ts';
import { isParserRefusal, jsonBody } from './check-outcome.ts';
import { type Expectation, fieldsVerdict, jsonVerdict, schemaOf } from './corpus.ts';
import { type RawOutcome, sendRaw } from './raw-http.ts';
import {
  buildRequest,
  defaultFields,
  jsonKinds,
  queryOf,
  type RequestSpec,
  type Signing,
  sharePath,
  validSpecs,
} from './requests.ts';
import { type FieldPath, missing, schemaFields, withField } from './schema-fields.ts';
import { adapterNames, type Served, startServer } from './servers.ts';

/** Fixed seeds and bounded runs: a failure prints its counterexample, and the seed rebuilds it. */
const seed = 4_242_017;
const numRuns = 150;
const deadlineMs = 5_000;

const knownPaths = [
  routes.card,
  routes.hook,
  routes.calls,
  sharePath('CHECK_PERMISSIONS'),
  sharePath('FETCH_RECIPIENTS'),
  sharePath('FETCH_RECIPIENT'),
  sharePath('SHARE_OBJECT'),
];
const knownPathSet = new Set<string>(knownPaths);
const templates = validSpecs().map(({ spec }) => spec);

type SignMode = 'none' | 'valid' | 'v1' | 'v2' | 'v3' | 'wrong-secret' | 'random-headers';
const validModes = new Set<SignMode>(['valid', 'v1', 'v2', 'v3']);

const pathArb = fc.oneof(
  fc.constantFrom(...knownPaths),
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9._~%-]{0,10}$/), { minLength: 1, maxLength: 4 })
    .map((segments) => `/${segments.join('/')}`),
);
const queryArb = fc.oneof(
  fc.constant(queryOf(defaultFields)),
  fc
    .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 24 })), { maxLength: 6 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
  // Raw, unencoded bytes a request line may carry, printable or not (sent as latin1).
  fc.stringMatching(/^[!-~]{0,40}$/).map((text) => text.replaceAll('#', '%23')),
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0xff }).map((code) => String.fromCharCode(code)),
    maxLength: 20,
  }),
);
const headerValueArb = fc.oneof(
  fc.stringMatching(/^[!-~][ -~]{0,60}$/),
  // obs-text and control bytes, which Node's parser may refuse on its own.
  fc
    .string({
      unit: fc.integer({ min: 0x01, max: 0xff }).map((code) => String.fromCharCode(code)),
      minLength: 1,
      maxLength: 20,
    })
    .map((text) => text.replaceAll('\r', ' ').replaceAll('\n', ' ')),
);
const signatureNameArb = fc
  .constantFrom(
    'X-HubSpot-Signature',
    'X-HubSpot-Signature-v3',
    'X-HubSpot-Signature-Version',
    'X-HubSpot-Request-Timestamp',
  )
  .chain((name) =>
    fc
      .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
      .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')),
  );
const extraHeadersArb = fc.array(
  fc.tuple(
    fc.oneof(signatureNameArb, fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/)),
    fc.oneof(headerValueArb, fc.constantFrom('v1', 'v2', 'v3', '0', String(Date.now()), '')),
  ),
  { maxLength: 4 },
);
const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.uint8Array({ maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(...jsonKinds.map((kind) => JSON.stringify(kind.sample)), queryOf(defaultFields)),
  // Invalid UTF-8 around JSON punctuation.
  fc
    .uint8Array({ minLength: 1, maxLength: 20 })
    .map((bytes) => Uint8Array.from([0x7b, ...bytes.map((b) => b | 0x80), 0x7d])),
);
const contentTypeArb = fc.option(
  fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/json; charset=utf-8',
    'multipart/form-data; boundary=z',
  ),
  { nil: undefined },
);

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: pathArb,
  query: queryArb,
  body: bodyArb,
  contentType: contentTypeArb,
  sign: fc.constantFrom<SignMode>('none', 'valid', 'v1', 'v2', 'v3', 'wrong-secret', 'random-headers'),
  extraHeaders: extraHeadersArb,
  // Half the time, a well-formed platform request replaces method, path, query and body.
  template: fc.option(fc.nat(templates.length - 1), { nil: undefined }),
});
type ArbitraryRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function specOf(request: ArbitraryRequest): RequestSpec {
  const template = request.template === undefined ? undefined : templates[request.template];
  const signing: Signing | false =
    request.sign === 'none' || request.sign === 'random-headers'
      ? false
      : request.sign === 'wrong-secret'
        ? { secret: otherSecret }
        : request.sign === 'valid'
          ? {}
          : { version: request.sign };
  const editHeaders = (headers: [string, string][]) => [...headers, ...request.extraHeaders];
  if (template !== undefined) return { ...template, signing, editHeaders };
  const bodyless = request.method === 'GET' || request.method === 'HEAD';
  return {
    method: request.method,
    target: request.query === '' ? request.path : `${request.path}?${request.query}`,
    ...(bodyless || request.body === undefined ? {} : { body: request.body }),
    ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
    signing,
    // On a signed request, an extra signature header may spoil it; the invariants allow for that.
    editHeaders,
  };
}

function pathnameOf(target: string): string {
  const url = `http://h${target.startsWith('/') ? '' : '/'}${target}`;
  return URL.canParse(url) ? new URL(url).pathname : target;
}

/**
 * Invariants every response keeps, whatever was sent: no 5xx, no hang, a coded JSON error for
 * every 4xx Spoke answers, and no handler call (nor 2xx) without a valid signature.
 */
function checkInvariants(
  adapter: string,
  signed: boolean,
  spec: RequestSpec,
  outcome: RawOutcome,
  handlerCalls: number,
): void {
  expect(outcome.kind, 'an answer, not a hang or a dropped connection').toBe('response');
  if (outcome.kind !== 'response') return;
  expect(outcome.status).toBeLessThan(500);
  if (!signed) {
    expect(outcome.status >= 200 && outcome.status < 300, 'an unsigned request got a 2xx').toBe(false);
    expect(handlerCalls).toBe(0);
  }
  if (handlerCalls > 0) expect(outcome.status).toBe(200);
  expect(handlerCalls).toBeLessThanOrEqual(1);
  if (outcome.status >= 400 && spec.method !== 'HEAD') {
    const json = jsonBody(outcome);
    // Hosts answer some requests before Spoke sees them: Node's parser (bare 400/431) and the
    // Express / Fastify routers for paths the app does not serve. Everything else is Spoke's.
    const byParser = isParserRefusal(outcome);
    const byRouter = adapter !== 'node' && adapter !== 'fetch' && !knownPathSet.has(pathnameOf(spec.target));
    if (!byParser && !byRouter) {
      expect(typeof json?.code, `a coded error body for ${outcome.status}`).toBe('string');
      expect(typeof json?.message).toBe('string');
    }
  }
}

describe.each(adapterNames)('fast-check properties over %s', (adapter) => {
  const built = buildHardeningApp({ bodyTimeout: 2_000 });
  let served: Served;
  let next = 0;
  /** Statuses seen, so a run that never reached a handler (or never refused) fails. */
  const statuses = new Map<string, number>();
  beforeAll(async () => {
    served = await startServer(adapter, built.app);
  });
  afterAll(async () => {
    await served.close();
  });

  async function send(spec: RequestSpec): Promise<{ outcome: RawOutcome; calls: number }> {
    next += 1;
    const id = `p${next}`;
    const outcome = await sendRaw(served, buildRequest(served.origin, id, spec), { deadlineMs });
    const key = outcome.kind === 'response' ? String(outcome.status) : outcome.kind;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    return { outcome, calls: built.calls.byCase.get(id) ?? 0 };
  }

  test('random requests never crash, never 5xx, and never reach a handler unsigned', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        const spec = specOf(request);
        const { outcome, calls } = await send(spec);
        checkInvariants(adapter, validModes.has(request.sign), spec, outcome, calls);
      }),
      { seed, numRuns },
    );
    // The generator reaches handlers and every kind of refusal, not only one of them.
    for (const status of ['200', '400', '401', '404'])
      expect(statuses.get(status), status).toBeGreaterThan(0);
    statuses.clear();
    // Still serving afterwards.
    const { outcome } = await send({ method: 'GET', target: `${routes.card}?${queryOf(defaultFields)}` });
    expect(outcome.kind === 'response' && outcome.status).toBe(200);
    expect(built.logger.errors).toEqual([]);
  }, 60_000);

  test('validly signed bodies with a wrong-typed field get exactly what the protocol schema says', async () => {
    const fieldsByKind = jsonKinds.map((kind) => ({ kind, paths: schemaFields(schemaOf(kind)) }));
    const jsonArb = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant(missing),
      fc.double(),
      fc.bigInt().map((n) => n),
    );
    const caseArb = fc.oneof(
      fc
        .record({
          index: fc.nat(fieldsByKind.length - 1),
          pick: fc.nat(),
          value: jsonArb,
        })
        .map(({ index, pick, value }) => {
          const { kind, paths } = fieldsByKind[index] as (typeof fieldsByKind)[number];
          const path = paths[pick % paths.length] as FieldPath;
          // JSON has no bigint: one is written as its digits, a huge integer literal.
          const marker = '"__VALUE__"';
          const template = JSON.stringify(
            withField(kind.sample, path, typeof value === 'bigint' ? '__VALUE__' : value),
          );
          const body = typeof value === 'bigint' ? template.replace(marker, value.toString()) : template;
          const spec: RequestSpec = {
            method: 'POST',
            target: kind.path,
            body,
            contentType: 'application/json',
          };
          return { spec, expect: jsonVerdict(kind, body) };
        }),
      fc
        .record({
          field: fc.constantFrom(...Object.keys(defaultFields), 'appId'),
          value: fc.string({ maxLength: 20 }),
          where: fc.constantFrom('card', 'hook-get', 'hook-form'),
        })
        .map(({ field, value, where }) => {
          const query = queryOf({ ...defaultFields, [field]: value });
          const spec: RequestSpec =
            where === 'hook-form'
              ? {
                  method: 'POST',
                  target: routes.hook,
                  body: query,
                  contentType: 'application/x-www-form-urlencoded',
                }
              : { method: 'GET', target: `${where === 'card' ? routes.card : routes.hook}?${query}` };
          return { spec, expect: fieldsVerdict(query) };
        }),
    );
    await fc.assert(
      fc.asyncProperty(
        caseArb,
        async ({ spec, expect: expected }: { spec: RequestSpec; expect: Expectation }) => {
          const { outcome, calls } = await send(spec);
          expect(outcome.kind).toBe('response');
          if (outcome.kind !== 'response') return;
          if (expected.outcome === 'accepted') {
            expect(outcome.status).toBe(200);
            expect(calls).toBe(1);
          } else {
            expect([outcome.status, jsonBody(outcome)?.code]).toEqual([expected.status, expected.code]);
            expect(calls).toBe(0);
          }
        },
      ),
      { seed, numRuns },
    );
    for (const status of ['200', '400']) expect(statuses.get(status), status).toBeGreaterThan(0);
    expect(built.logger.errors).toEqual([]);
  }, 60_000);
});
