// Cases whose point is the signature, its headers, the method or the path: bodies stay valid.
import { otherSecret, routes } from './app.ts';
import {
  accepted,
  coreSpecs,
  type Expectation,
  flip,
  type HeaderEdit,
  type HostExpectation,
  type HostileCase,
  type prng,
  refused,
  repeat,
  repeatAs,
  replace,
} from './corpus-model.ts';
import { defaultFields, queryOf, sharePath, validSpecs } from './requests.ts';
import type { AdapterName } from './servers.ts';

export function validCases(): Omit<HostileCase, 'id'>[] {
  return validSpecs().flatMap(({ name, spec }) => {
    const versions =
      spec.body === undefined ? (['all', 'v2', 'v3'] as const) : (['all', 'v1', 'v2', 'v3'] as const);
    return versions.map((version) => ({
      kind: 'valid' as const,
      variant: `${name} signed ${version}`,
      spec: { ...spec, signing: { version } },
      expect: accepted,
    }));
  });
}

export function missingSignatureCases(): Omit<HostileCase, 'id'>[] {
  const drop = (names: readonly string[]) => (headers: [string, string][]) =>
    headers.filter(([name]) => !names.includes(name.toLowerCase()));
  const blank = (names: readonly string[]) => (headers: [string, string][]) =>
    headers.map(([name, value]): [string, string] => [name, names.includes(name.toLowerCase()) ? '' : value]);
  const sig = ['x-hubspot-signature', 'x-hubspot-signature-v3'];
  const variants = [
    { variant: 'no signature headers', editHeaders: undefined, signing: false as const },
    { variant: 'timestamp and version only', editHeaders: drop(sig) },
    { variant: 'empty signature values', editHeaders: blank(sig) },
  ];
  return validSpecs().flatMap(({ name, spec }) =>
    variants.map(({ variant, editHeaders, signing }) => ({
      kind: 'missing-signature' as const,
      variant: `${name}: ${variant}`,
      spec: {
        ...spec,
        ...(signing === false ? { signing } : {}),
        ...(editHeaders ? { editHeaders } : {}),
      },
      expect: refused(401, 'SIGNATURE_MISSING'),
    })),
  );
}

export function duplicateHeaderCases(): Omit<HostileCase, 'id'>[] {
  const v3 = 'x-hubspot-signature-v3';
  const hex = 'x-hubspot-signature';
  const ts = 'x-hubspot-request-timestamp';
  const version = 'x-hubspot-signature-version';
  const garbageV3 = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  const variants: { variant: string; version?: 'v2' | 'v3'; edit: HeaderEdit; expect: Expectation }[] = [
    { variant: 'v3 twice, same value', edit: repeat(v3, (v) => v), expect: accepted },
    {
      variant: 'v3 twice, second garbage',
      edit: repeat(v3, () => garbageV3),
      expect: refused(401, 'SIGNATURE_MISMATCH'),
    },
    {
      variant: 'v3 twice, other case of name',
      edit: repeatAs(v3, 'X-HUBSPOT-SIGNATURE-V3', () => garbageV3),
      expect: refused(401, 'SIGNATURE_MISMATCH'),
    },
    {
      variant: 'v3 comma-joined with garbage',
      edit: replace(v3, (v) => `${v}, ${garbageV3}`),
      expect: refused(401, 'SIGNATURE_MISMATCH'),
    },
    { variant: 'timestamp twice, same value', edit: repeat(ts, (v) => v), expect: accepted },
    {
      variant: 'timestamp twice, second older',
      edit: repeat(ts, (v) => String(Number(v) - 1)),
      expect: refused(401, 'SIGNATURE_TIMESTAMP_INVALID'),
    },
    {
      variant: 'v2 twice, second garbage',
      version: 'v2',
      edit: repeat(hex, () => '0'.repeat(64)),
      expect: refused(401, 'SIGNATURE_MISMATCH'),
    },
    { variant: 'v2 twice, same value', version: 'v2', edit: repeat(hex, (v) => v), expect: accepted },
    {
      variant: 'version twice, v2 and v1',
      version: 'v2',
      edit: repeat(version, () => 'v1'),
      expect: refused(401, 'SIGNATURE_VERSION_UNSUPPORTED'),
    },
    {
      variant: 'valid v3 beside a garbage v2',
      version: 'v3',
      edit: (h) => [...h, ['X-HubSpot-Signature', 'f'.repeat(64)], ['X-HubSpot-Signature-Version', 'v2']],
      expect: accepted,
    },
    {
      variant: 'valid v2 beside a garbage v3',
      version: 'v2',
      edit: (h) => [
        ...h,
        ['X-HubSpot-Signature-v3', garbageV3],
        ['X-HubSpot-Request-Timestamp', String(Date.now())],
      ],
      expect: refused(401, 'SIGNATURE_MISMATCH'),
    },
    {
      variant: 'an unrelated header twice',
      edit: repeat('user-agent', (v) => `${v} again`),
      expect: accepted,
    },
  ];
  return coreSpecs().flatMap(({ name, spec }) =>
    variants.map(({ variant, version: signedAs, edit, expect }) => ({
      kind: 'duplicate-headers' as const,
      variant: `${name}: ${variant}`,
      spec: { ...spec, signing: { version: signedAs ?? 'all' }, editHeaders: edit },
      expect,
    })),
  );
}

export function caseMangledCases(random: ReturnType<typeof prng>): Omit<HostileCase, 'id'>[] {
  const mangle = (name: string) =>
    [...name].map((c) => (random.next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const { name, spec } of coreSpecs()) {
    for (let i = 0; i < 3; i += 1) {
      const names = new Map<string, string>();
      const edit: HeaderEdit = (headers) =>
        headers.map(([n, v]): [string, string] => {
          if (!names.has(n)) names.set(n, mangle(n));
          return [names.get(n) ?? n, v];
        });
      cases.push({
        kind: 'case-mangled',
        variant: `${name}: header names mangled #${i}`,
        spec: { ...spec, editHeaders: edit },
        expect: accepted,
      });
    }
    cases.push(
      {
        kind: 'case-mangled',
        variant: `${name}: v3 value case-flipped`,
        spec: { ...spec, signing: { version: 'v3' }, editHeaders: replace('x-hubspot-signature-v3', flip) },
        expect: refused(401, 'SIGNATURE_MISMATCH'),
      },
      {
        kind: 'case-mangled',
        variant: `${name}: version V2 in capitals`,
        spec: {
          ...spec,
          signing: { version: 'v2' },
          editHeaders: replace('x-hubspot-signature-version', () => 'V2'),
        },
        expect: accepted,
      },
      {
        kind: 'case-mangled',
        variant: `${name}: v2 hex in capitals`,
        spec: {
          ...spec,
          signing: { version: 'v2' },
          editHeaders: replace('x-hubspot-signature', (v) => v.toUpperCase()),
        },
        expect: refused(401, 'SIGNATURE_MISMATCH'),
      },
    );
    if (spec.contentType !== undefined) {
      cases.push({
        kind: 'case-mangled',
        variant: `${name}: content type in capitals`,
        spec: { ...spec, contentType: spec.contentType.toUpperCase() },
        expect: accepted,
      });
    }
  }
  return cases;
}

export function wrongSignatureTargetCases(): Omit<HostileCase, 'id'>[] {
  const mismatch = refused(401, 'SIGNATURE_MISMATCH');
  return coreSpecs().flatMap(({ name, spec }) => {
    const [path = '', query] = spec.target.split('?');
    const hasBody = spec.body !== undefined;
    const variants: {
      variant: string;
      signing: {
        version?: 'v1' | 'v2' | 'v3' | 'all';
        secret?: string;
        method?: string;
        url?: string;
        body?: string;
      };
    }[] = [
      { variant: 'another secret', signing: { secret: otherSecret } },
      { variant: 'another secret, v2', signing: { secret: otherSecret, version: 'v2' } },
      { variant: 'another path', signing: { url: `${path}x${query ? `?${query}` : ''}` } },
      { variant: 'another query', signing: { url: `${path}?${query ?? ''}&extra=1` } },
      { variant: 'https instead of http', signing: { url: `https://127.0.0.1${spec.target}` } },
      { variant: 'another host', signing: { url: `http://hubspot.example.com${spec.target}` } },
      { variant: 'another method', signing: { method: spec.method === 'GET' ? 'POST' : 'GET' } },
      {
        variant: 'another method, v2',
        signing: { method: spec.method === 'GET' ? 'POST' : 'GET', version: 'v2' },
      },
      { variant: 'another body', signing: { body: hasBody ? `${String(spec.body)} ` : 'x' } },
      {
        variant: 'another body, v1',
        signing: { body: hasBody ? `${String(spec.body)} ` : 'x', version: 'v1' },
      },
    ];
    return variants.map(({ variant, signing }) => ({
      kind: 'wrong-signature-target' as const,
      variant: `${name}: signed for ${variant}`,
      spec: { ...spec, signing },
      // v1 over the empty body actually sent is refused before any comparison.
      expect: signing.version === 'v1' && !hasBody ? refused(401, 'SIGNATURE_V1_EMPTY_BODY') : mismatch,
    }));
  });
}

export function replayCases(): Omit<HostileCase, 'id'>[] {
  const stale = refused(401, 'SIGNATURE_TIMESTAMP_STALE');
  const future = refused(401, 'SIGNATURE_TIMESTAMP_FUTURE');
  const bad = refused(401, 'SIGNATURE_TIMESTAMP_INVALID');
  const offsets: { variant: string; offset: number; expect: Expectation }[] = [
    { variant: 'stale by 5 min + 1 s', offset: -301_000, expect: stale },
    { variant: 'stale by a day', offset: -86_400_000, expect: stale },
    { variant: 'future by 5 min + 1 s', offset: 301_000, expect: future },
    { variant: 'future by a year', offset: 31_536_000_000, expect: future },
    { variant: 'within the window (4 min old)', offset: -240_000, expect: accepted },
  ];
  const values: { variant: string; value: (real: string) => string; expect: Expectation }[] = [
    // '0' is not canonical (a leading zero), so it is refused before its age is looked at.
    { variant: 'timestamp 0 (signed as sent)', value: () => '0', expect: bad },
    { variant: 'timestamp 1 (signed as sent)', value: () => '1', expect: stale },
    // Digits moved from the end of the URL or body into the timestamp keep the signature: refused.
    { variant: 'zero-padded (signed as sent)', value: (real) => `000${real}`, expect: bad },
    { variant: 'non-numeric', value: () => 'yesterday', expect: bad },
    {
      variant: 'seconds with a fraction',
      value: (real) => `${real.slice(0, -3)}.${real.slice(-3)}`,
      expect: bad,
    },
    { variant: 'exponent', value: () => '1.7e12', expect: bad },
    { variant: 'negative', value: (real) => `-${real}`, expect: bad },
    { variant: 'hex', value: (real) => `0x${Number(real).toString(16)}`, expect: bad },
    { variant: '17 digits', value: () => '1'.repeat(17), expect: bad },
    { variant: 'plus sign', value: (real) => `+${real}`, expect: bad },
  ];
  return coreSpecs().flatMap(({ name, spec }) => [
    ...offsets.map(({ variant, offset, expect }) => ({
      kind: 'replayed-timestamp' as const,
      variant: `${name}: ${variant}`,
      spec: { ...spec, signing: { version: 'v3' as const, timestampOffsetMs: offset } },
      expect,
    })),
    ...values.map(({ variant, value, expect }) => ({
      kind: 'replayed-timestamp' as const,
      variant: `${name}: ${variant}`,
      spec: {
        ...spec,
        signing: { version: 'v3' as const },
        editHeaders: replace('x-hubspot-request-timestamp', value),
      },
      expect,
    })),
    {
      kind: 'replayed-timestamp' as const,
      variant: `${name}: timestamp missing`,
      spec: {
        ...spec,
        signing: { version: 'v3' as const },
        editHeaders: (h: [string, string][]) =>
          h.filter(([n]) => n.toLowerCase() !== 'x-hubspot-request-timestamp'),
      },
      expect: refused(401, 'SIGNATURE_TIMESTAMP_MISSING'),
    },
  ]);
}

export function strictCases(): Omit<HostileCase, 'id'>[] {
  return validSpecs().flatMap(({ name, spec }) => {
    const versions = spec.body === undefined ? (['v2'] as const) : (['v1', 'v2'] as const);
    return [
      ...versions.map((version) => ({
        kind: 'strict-mode' as const,
        variant: `${name}: ${version} only`,
        spec: { ...spec, signing: { version } },
        expect: refused(401, 'SIGNATURE_V3_REQUIRED'),
      })),
      {
        kind: 'strict-mode' as const,
        variant: `${name}: v3`,
        spec: { ...spec, signing: { version: 'v3' as const } },
        expect: accepted,
      },
      {
        kind: 'strict-mode' as const,
        variant: `${name}: v2 + v3`,
        spec,
        expect: accepted,
      },
    ];
  });
}

export function routingCases(): Omit<HostileCase, 'id'>[] {
  const notFound = refused(404, 'ROUTE_NOT_FOUND');
  const hostNotFound = (why: string): Partial<Record<AdapterName, HostExpectation>> => ({
    express: { ...refused(404), why },
    fastify: { ...refused(404), why },
  });
  const routerWhy = 'Express passes unknown paths on (fallthrough) and Fastify has no route there';
  const query = queryOf(defaultFields);
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const target of [
    '/nowhere',
    '/card/',
    '/CARD',
    '//card',
    '/%63ard',
    '/share',
    '/share/feature/SHARE_VIA/event/NOPE',
    '/.env',
    '/card%00',
  ]) {
    cases.push({
      kind: 'routing',
      variant: `unknown path ${target}`,
      spec: { method: 'GET', target: `${target}?${query}` },
      expect: notFound,
      hosts: hostNotFound(routerWhy),
    });
  }
  const methods: [string, string, string][] = [
    ['POST', routes.card, 'GET'],
    ['DELETE', routes.calls, 'POST'],
    ['GET', sharePath('FETCH_RECIPIENT'), 'POST'],
    ['PUT', routes.card, 'GET'],
    ['OPTIONS', routes.calls, 'POST'],
  ];
  for (const [method, target] of methods) {
    cases.push({
      kind: 'routing',
      variant: `${method} ${target}`,
      spec: { method, target: `${target}?${query}`, ...(method === 'GET' ? {} : { body: '' }) },
      expect: refused(405, 'METHOD_NOT_ALLOWED'),
    });
  }
  cases.push(
    {
      // Dot segments are resolved as in any URL, so this is GET /calls (POST only); Fastify routes raw paths.
      kind: 'routing',
      variant: 'dot segments: GET /card/../calls',
      spec: { method: 'GET', target: `/card/../calls?${query}` },
      expect: refused(405, 'METHOD_NOT_ALLOWED'),
      hosts: { fastify: { ...refused(404), why: 'Fastify matches the raw path, which names no route' } },
    },
    {
      kind: 'routing',
      variant: 'HEAD on the card route',
      spec: { method: 'HEAD', target: `${routes.card}?${query}` },
      expect: refused(405),
    },
    {
      kind: 'routing',
      variant: 'unknown method token',
      spec: { method: 'BREW', target: `${routes.card}?${query}` },
      expect: refused(400, undefined, true),
    },
    {
      kind: 'routing',
      variant: 'absolute-form target for another host, signed for it',
      spec: { method: 'GET', target: `http://hubspot.example.com${routes.card}?${query}` },
      expect: accepted,
    },
  );
  return cases;
}
