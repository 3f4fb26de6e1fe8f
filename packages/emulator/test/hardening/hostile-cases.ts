import { limits } from '@spoke/protocol';
import { testKeys } from '../helpers/test-emulator.ts';
import { type EndpointSpec, pathOf } from './endpoints.ts';
import {
  deepJson,
  type JsonPath,
  jsonKind,
  jsonPaths,
  missing,
  RawJson,
  seededRandom,
  setAt,
  toJsonText,
  valuesByKind,
} from './json-mutations.ts';
import type { RawRequest } from './raw-http.ts';

export const caseClasses = [
  'valid',
  'malformed-json',
  'deep-nesting',
  'huge-values',
  'wrong-type',
  'missing-field',
  'unknown-field',
  'oversize',
  'content-type',
  'empty-body',
  'path-param',
  'query',
  'method',
  'auth',
  'duplicate-header',
] as const;
export type CaseClass = (typeof caseClasses)[number];

/** One hostile (or control) request and what the emulator must do with it. */
export interface HostileCase {
  name: string;
  cls: CaseClass;
  endpoint: EndpointSpec;
  request: RawRequest;
  /** `accepted`: 2xx. `refused`: 4xx with HubSpot's error shape, and the store unchanged. */
  expect: 'accepted' | 'refused';
  /** Refused with one of these statuses (any 4xx when absent). */
  statuses?: number[];
  /** The message or an `errors[].in` names one of these (case-insensitive). */
  mentions?: string[];
  /** For 405: the `Allow` header lists exactly these. */
  allow?: string[];
}

const key = testKeys.developerApiKey;
const jsonHeaders = { 'content-type': 'application/json' };
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function withQuery(path: string, query: Record<string, string> | string): string {
  const text = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** The valid request of `spec`, with overrides. */
function requestFor(
  spec: EndpointSpec,
  over: {
    params?: Record<string, string>;
    query?: string;
    body?: string;
    auth?: boolean;
    headers?: Record<string, string | string[]>;
  } = {},
): RawRequest {
  let path = pathOf(spec.route, { ...spec.params, ...over.params });
  const query = over.query ?? (spec.query ? new URLSearchParams(spec.query.sample).toString() : '');
  path = withQuery(path, query);
  if (spec.auth && over.auth !== false) path = withQuery(path, { hapikey: key });
  const body = over.body ?? (spec.body ? toJsonText(spec.body.sample) : undefined);
  const headers = over.headers ?? (body === undefined ? {} : { ...jsonHeaders });
  return {
    method: spec.method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(spec.stream ? { headersOnly: true } : {}),
  };
}

/** What the route's own schema (and rule) make of `text` as its body: the oracle for body mutations. */
function bodyVerdict(spec: EndpointSpec, text: string): { expect: 'accepted' | 'refused'; status?: number } {
  const body = spec.body;
  if (!body) return { expect: 'accepted' };
  // The body is decoded as UTF-8 with a leading byte-order mark dropped (TextDecoder's default).
  const decoded = text.replace(/^\ufeff/, '');
  let value: unknown = {};
  if (decoded.trim() === '') {
    if (!body.emptyIsObject) return { expect: 'refused', status: 400 };
  } else {
    try {
      value = JSON.parse(decoded);
    } catch {
      return { expect: 'refused', status: 400 };
    }
  }
  const parsed = body.schema.safeParse(value);
  if (!parsed.success) return { expect: 'refused', status: 400 };
  if (body.rule && !body.rule.holds(parsed.data as never))
    return { expect: 'refused', status: body.rule.status };
  return { expect: 'accepted' };
}

function bodyCase(
  spec: EndpointSpec,
  cls: CaseClass,
  name: string,
  text: string,
  mentions?: string[],
): HostileCase {
  const { expect, status } = bodyVerdict(spec, text);
  return {
    name,
    cls,
    endpoint: spec,
    request: requestFor(spec, { body: text }),
    expect,
    ...(status === 400 && mentions ? { mentions } : {}),
    ...(status ? { statuses: [status] } : {}),
  };
}

const pathText = (path: JsonPath) => path.join('.');

/** Cases that mutate the valid body field by field: wrong kinds, missing, unknown, huge values, nesting. */
function bodyCases(spec: EndpointSpec, random: ReturnType<typeof seededRandom>, cap: number): HostileCase[] {
  const body = spec.body;
  if (!body) return [];
  const sample = body.sample;
  const nodes = jsonPaths(sample);
  const typeCases: HostileCase[] = [];
  const missingCases: HostileCase[] = [];
  for (const { path, value } of nodes) {
    const kind = jsonKind(value);
    for (const [wrongKind, wrong] of valuesByKind) {
      if (wrongKind === kind) continue;
      typeCases.push(
        bodyCase(
          spec,
          'wrong-type',
          `${pathText(path)}=${wrongKind}`,
          toJsonText(setAt(sample, path, wrong)),
          [pathText(path)],
        ),
      );
    }
    missingCases.push(
      bodyCase(spec, 'missing-field', `${pathText(path)} missing`, toJsonText(setAt(sample, path, missing)), [
        pathText(path),
      ]),
    );
  }
  // Every field gets at least one wrong kind; the rest are a seeded sample up to the cap.
  const firstPerPath = new Map<string, HostileCase>();
  for (const c of typeCases)
    if (!firstPerPath.has(c.name.split('=')[0] ?? '')) firstPerPath.set(c.name.split('=')[0] ?? '', c);
  const rest = typeCases.filter((c) => !(firstPerPath.get(c.name.split('=')[0] ?? '') === c));
  const chosen = [...firstPerPath.values(), ...random.sample(rest, Math.max(0, cap - firstPerPath.size))];

  const objects = [{ path: [] as JsonPath, value: sample }, ...nodes].filter(
    (n) => jsonKind(n.value) === 'object',
  );
  const unknownCases = random.sample(objects, 1).map(({ path }) => {
    const node = path.length === 0 ? sample : undefined;
    const text =
      node !== undefined
        ? toJsonText({ ...(sample as object), __spokeUnknown: 1 })
        : toJsonText(setAt(sample, [...path, '__spokeUnknown'], { nested: true }));
    return bodyCase(spec, 'unknown-field', `unknown field under ${pathText(path) || 'root'}`, text);
  });

  const numbers = nodes.filter((n) => typeof n.value === 'number');
  const strings = nodes.filter((n) => typeof n.value === 'string');
  const huge: HostileCase[] = [];
  for (const { path } of numbers) {
    for (const raw of random.sample(['1e309', '-1e309', '18446744073709551616', '1.5', '-1', '1e-400'], 1)) {
      huge.push(
        bodyCase(
          spec,
          'huge-values',
          `${pathText(path)}=${raw}`,
          toJsonText(setAt(sample, path, new RawJson(raw))),
          [pathText(path)],
        ),
      );
    }
  }
  for (const { path } of random.sample(strings, 1)) {
    huge.push(
      bodyCase(
        spec,
        'huge-values',
        `${pathText(path)}=700k chars`,
        toJsonText(setAt(sample, path, 'x'.repeat(700_000))),
        [pathText(path)],
      ),
      bodyCase(
        spec,
        'huge-values',
        `${pathText(path)}=control chars`,
        toJsonText(setAt(sample, path, '\u0000\ud800\u202e<script>')),
        [pathText(path)],
      ),
    );
  }
  const deep: HostileCase[] = random.sample(
    [
      bodyCase(spec, 'deep-nesting', 'root array 100000 deep', deepJson(100_000, 'array')),
      bodyCase(spec, 'deep-nesting', 'root object 100000 deep', deepJson(100_000, 'object')),
      bodyCase(spec, 'deep-nesting', 'root object 5000 deep', deepJson(5_000, 'object')),
    ],
    1,
  );
  const firstField = nodes[0];
  if (firstField && random.next() < 0.5) {
    const text = toJsonText(setAt(sample, firstField.path, '@@deep@@')).replace(
      '"@@deep@@"',
      deepJson(20_000, 'object'),
    );
    deep.push(
      bodyCase(spec, 'deep-nesting', `${pathText(firstField.path)} 20000 deep`, text, [
        pathText(firstField.path),
      ]),
    );
  }

  const malformed = random
    .sample(
      [
        '{"title": ',
        '{a:1}',
        "{'a':1}",
        '{"a":1,}',
        '[1,2',
        'undefined',
        'NaN',
        '{"a":1}{"b":2}',
        '\u0000',
        '{"a":"\\x"}',
        `\ufeff${toJsonText(sample)}`,
        'a=1&b=2',
        '<xml/>',
      ],
      3,
    )
    .map((text) => bodyCase(spec, 'malformed-json', JSON.stringify(text.slice(0, 20)), text, ['JSON']));
  const scalars = random
    .sample(['true', '"text"', '123', 'null', '[]'], 1)
    .map((text) => bodyCase(spec, 'wrong-type', `root=${text}`, text));

  const empty = ['', '  \n\t'].map((text) =>
    bodyCase(spec, 'empty-body', JSON.stringify(text), text, ['body']),
  );

  const valid = toJsonText(sample);
  const contentTypes = random
    .sample(
      [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        '',
      ],
      1,
    )
    .map(
      (type): HostileCase => ({
        name: `valid JSON as ${type || 'no content-type'}`,
        cls: 'content-type',
        endpoint: spec,
        // The emulator reads JSON whatever the content type says, as HubSpot's API does for these routes.
        request: requestFor(spec, { body: valid, headers: type ? { 'content-type': type } : {} }),
        expect: 'accepted',
      }),
    );
  const pad = 'x'.repeat(limits.defaultBodyLimitBytes + 1);
  const oversize: HostileCase[] =
    spec.route === '/_spoke/state'
      ? []
      : [
          {
            name: 'over the cap, chunked',
            cls: 'oversize',
            endpoint: spec,
            request: {
              ...requestFor(spec, { body: `{"pad":"${pad}"}` }),
              chunked: true,
              ownConnection: true,
            },
            expect: 'refused',
            statuses: [413],
            mentions: ['bytes'],
          },
        ];
  const duplicates: HostileCase[] = [
    {
      name: 'content-type twice',
      cls: 'duplicate-header',
      endpoint: spec,
      request: requestFor(spec, { headers: { 'content-type': ['application/json', 'application/json'] } }),
      expect: 'accepted',
    },
  ];
  return [
    ...chosen,
    ...random.sample(missingCases, 3),
    ...unknownCases,
    ...huge,
    ...deep,
    ...malformed,
    ...scalars,
    ...empty,
    ...contentTypes,
    ...oversize,
    ...duplicates,
  ];
}

/** Unknown and garbage values for one path parameter. */
function paramValues(name: string, valid: string): string[] {
  const lookalike = /^\d+$/.test(valid)
    ? '987654'
    : name === 'objectType'
      ? 'widgets'
      : name === 'event'
        ? 'DELETE_EVERYTHING'
        : 'uuid-9999';
  return [
    lookalike,
    'abc',
    '-1',
    '0',
    '1.5',
    '1e3',
    '9'.repeat(400),
    'x'.repeat(3000),
    '%ZZ',
    '%00',
    '%2e%2e',
    '..',
    '1%2F2',
    '%F0%9F%92%A5',
    "1'%20OR%20'1'='1",
    '%3Cscript%3E',
  ];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function paramCases(
  spec: EndpointSpec,
  random: ReturnType<typeof seededRandom>,
  perParam: number,
): HostileCase[] {
  return Object.entries(spec.params).flatMap(([name, valid]) => {
    const values = paramValues(name, valid);
    const [lookalike, ...others] = values;
    return [lookalike as string, ...random.sample(others, perParam)]
      .filter((v, i, all) => all.indexOf(v) === i)
      .map(
        (value): HostileCase => ({
          name: `:${name}=${value.slice(0, 24)}`,
          cls: 'path-param',
          endpoint: spec,
          request: requestFor(spec, { params: { [name]: value } }),
          expect: 'refused',
          // `..` is folded away by URL parsing, so the request lands on another path.
          ...(/^(\.\.|%2e%2e)$/i.test(value) ? {} : { mentions: [name, safeDecode(value).slice(0, 20)] }),
        }),
      );
  });
}

function queryCases(spec: EndpointSpec): HostileCase[] {
  const query = spec.query;
  if (!query) return [];
  const variants = ['-1', 'abc', '1e309', '', '0', '99999999999999999999', '1.5', '%ZZ', 'x'.repeat(3000)];
  const cases = Object.keys(query.sample).flatMap((name) =>
    variants.map((raw): HostileCase => {
      const params = { ...query.sample, [name]: safeDecode(raw) };
      const expect = query.schema.safeParse(params).success ? 'accepted' : 'refused';
      const text = Object.entries({ ...query.sample, [name]: '@@' })
        .map(([k, v]) => `${k}=${v === '@@' ? raw : encodeURIComponent(v)}`)
        .join('&');
      return {
        name: `?${name}=${raw.slice(0, 20)}`,
        cls: 'query',
        endpoint: spec,
        request: requestFor(spec, { query: text }),
        expect,
        ...(expect === 'refused' ? { statuses: [400], mentions: [name] } : {}),
      };
    }),
  );
  return cases;
}

function authCases(spec: EndpointSpec, random: ReturnType<typeof seededRandom>): HostileCase[] {
  const bad = (
    name: string,
    query: string,
    headers: Record<string, string | string[]> = {},
  ): HostileCase => ({
    name,
    cls: 'auth',
    endpoint: spec,
    request: {
      ...requestFor(spec, { auth: false, query }),
      headers: { ...(spec.body ? jsonHeaders : {}), ...headers },
    },
    expect: 'refused',
    statuses: [401],
    mentions: ['developer API key', 'hapikey'],
  });
  const good = (
    name: string,
    cls: CaseClass,
    query: string,
    headers: Record<string, string | string[]>,
  ): HostileCase => ({
    ...bad(name, query, headers),
    cls,
    expect: 'accepted',
  });
  if (!spec.auth)
    return [{ ...bad('unknown key where none is needed', 'hapikey=wrong'), expect: 'accepted' }];
  const [none, ...others]: HostileCase[] = [
    bad('no key', ''),
    bad('unknown hapikey', 'hapikey=wrong'),
    bad('empty hapikey', 'hapikey='),
    bad('hapikey with a bad escape', 'hapikey=%ZZ'),
    bad('very long hapikey', `hapikey=${'k'.repeat(5000)}`),
    bad('unknown bearer', '', { authorization: 'Bearer wrong' }),
    bad('bearer without token', '', { authorization: 'Bearer' }),
    bad('basic auth', '', { authorization: `Basic ${Buffer.from(`x:${key}`).toString('base64')}` }),
    bad('wrong hapikey beats a right bearer', 'hapikey=wrong', { authorization: `Bearer ${key}` }),
    good('lower-case bearer scheme', 'auth', '', { authorization: `bearer ${key}` }),
    // Repeated Authorization headers reach the route joined ("Bearer a, Bearer b"): not one key, so 401.
    {
      ...bad('authorization twice, wrong first', '', { authorization: ['Bearer wrong', `Bearer ${key}`] }),
      cls: 'duplicate-header' as const,
    },
    {
      ...bad('authorization twice, right first', '', { authorization: [`Bearer ${key}`, 'Bearer wrong'] }),
      cls: 'duplicate-header' as const,
    },
  ];
  return [none as HostileCase, ...random.sample(others, 4)];
}

function routePattern(route: string): RegExp {
  return new RegExp(`^${route.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`);
}

/**
 * 405 with `Allow` for every method a path does not have. A path can match more than one
 * template (`…/sample-response` is also `…/:appId` to POST), so Allow is what every template gives.
 */
function methodCases(specs: EndpointSpec[], random: ReturnType<typeof seededRandom>): HostileCase[] {
  const firstByRoute = new Map<string, EndpointSpec>();
  for (const spec of specs) if (!firstByRoute.has(spec.route)) firstByRoute.set(spec.route, spec);
  return [...firstByRoute.values()].flatMap((first) => {
    const path = pathOf(first.route, first.params);
    const allowed = [
      ...new Set(specs.filter((s) => routePattern(s.route).test(path)).map((s) => s.method)),
    ].sort();
    return random
      .sample(
        methods.filter((m) => !allowed.includes(m)),
        3,
      )
      .map(
        (method): HostileCase => ({
          name: `${method} not allowed`,
          cls: 'method',
          endpoint: first,
          request: { ...requestFor(first), method, headersOnly: false },
          expect: 'refused',
          statuses: [405],
          mentions: [method],
          allow: allowed,
        }),
      );
  });
}

/** Oversize bodies with a Content-Length on routes that take no body: refused before the handler. */
function oversizeDeclared(spec: EndpointSpec): HostileCase[] {
  if (spec.method === 'GET' || spec.route === '/_spoke/state') return [];
  return [
    {
      name: 'over the cap, content-length',
      cls: 'oversize',
      endpoint: spec,
      request: {
        ...requestFor(spec, {
          body: `{"pad":"${'y'.repeat(limits.defaultBodyLimitBytes + 1)}"}`,
          headers: jsonHeaders,
        }),
        ownConnection: true,
      },
      expect: 'refused',
      statuses: [413],
      mentions: ['bytes'],
    },
  ];
}

/** The whole corpus for `specs`, the same for the same seed. */
export function hostileCases(specs: EndpointSpec[], seed: number): HostileCase[] {
  const random = seededRandom(seed);
  const cases: HostileCase[] = [];
  for (const spec of specs) {
    cases.push({
      name: 'valid request',
      cls: 'valid',
      endpoint: spec,
      request: requestFor(spec),
      expect: 'accepted',
    });
    if (spec.method === 'GET') {
      cases.push({
        name: 'unknown query parameter',
        cls: 'query',
        endpoint: spec,
        request: requestFor(spec, {
          query: `${spec.query ? `${new URLSearchParams(spec.query.sample)}&` : ''}__spokeUnknown=%ZZ`,
        }),
        expect: 'accepted',
      });
    }
    if (spec.family === 'developer') cases.push(...authCases(spec, random));
    cases.push(...bodyCases(spec, random, spec.route === '/_spoke/state' ? 12 : 8));
    cases.push(...paramCases(spec, random, 1));
    cases.push(...queryCases(spec));
    cases.push(...oversizeDeclared(spec));
  }
  cases.push(...methodCases(specs, random));
  return cases;
}
