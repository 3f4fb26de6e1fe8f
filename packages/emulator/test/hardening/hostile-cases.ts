import { limits } from '@spoke/protocol';
import { bodyCases } from './body-cases.ts';
import { type EndpointSpec, pathOf } from './endpoints.ts';
import { type CaseClass, type HostileCase, jsonHeaders, key, requestFor } from './hostile-case.ts';
import { seededRandom } from './json-mutations.ts';

export type { CaseClass, HostileCase } from './hostile-case.ts';
export { caseClasses } from './hostile-case.ts';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

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
    const first = spec.anyId ? [] : [lookalike as string];
    return [...first, ...random.sample(others, perParam)]
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

/** The CRM API without a token, with one the emulator never issued, and with two: 401, nothing written. */
function bearerCases(spec: EndpointSpec): HostileCase[] {
  const refused = (
    name: string,
    cls: CaseClass,
    headers: Record<string, string | string[]>,
    mentions: string[],
  ) => ({
    name,
    cls,
    endpoint: spec,
    request: {
      ...requestFor(spec, { auth: false }),
      headers: { ...(spec.body ? jsonHeaders : {}), ...headers },
    },
    expect: 'refused' as const,
    statuses: [401],
    mentions,
  });
  return [
    refused('no token', 'auth', {}, ['Authentication credentials not found']),
    refused('unknown token', 'auth', { authorization: 'Bearer wrong' }, ['access token']),
    refused('developer API key as the token', 'auth', { authorization: `Bearer ${key}` }, [
      'developer API key',
    ]),
    refused('bearer without token', 'auth', { authorization: 'Bearer' }, ['Bearer ACCESS_TOKEN']),
    refused('token twice', 'duplicate-header', { authorization: [`Bearer ${spec.bearer}`, 'Bearer wrong'] }, [
      'more than once',
    ]),
  ];
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
    if (spec.bearer) cases.push(...bearerCases(spec));
    cases.push(...bodyCases(spec, random, spec.route === '/_spoke/state' ? 12 : 8));
    cases.push(...paramCases(spec, random, 1));
    cases.push(...queryCases(spec));
    cases.push(...oversizeDeclared(spec));
  }
  cases.push(...methodCases(specs, random));
  return cases;
}
