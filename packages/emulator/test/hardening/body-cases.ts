import { limits } from '@spoke/protocol';
import type { EndpointSpec } from './endpoints.ts';
import { type CaseClass, type HostileCase, requestFor } from './hostile-case.ts';
import {
  deepJson,
  type JsonPath,
  jsonKind,
  jsonPaths,
  missing,
  RawJson,
  type seededRandom,
  setAt,
  toJsonText,
  valuesByKind,
} from './json-mutations.ts';

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
export function bodyCases(
  spec: EndpointSpec,
  random: ReturnType<typeof seededRandom>,
  cap: number,
): HostileCase[] {
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

  // Ids in the body that look real but name nothing: a refusal must come before any write.
  const idCases = nodes
    .filter(({ path, value }) => /(^id|Id)$/.test(String(path.at(-1))) && jsonKind(value) !== 'object')
    .map(({ path, value }): HostileCase => {
      const unknown =
        typeof value === 'number' ? 987_654 : /^\d+$/.test(String(value)) ? '987654' : 'uuid-9999';
      const text = toJsonText(setAt(sample, path, unknown));
      const verdict = bodyVerdict(spec, text);
      return {
        name: `${pathText(path)}=${unknown}`,
        cls: 'unknown-id',
        endpoint: spec,
        request: requestFor(spec, { body: text }),
        expect: verdict.expect === 'refused' ? 'refused' : 'either',
        ...(verdict.status ? { statuses: [verdict.status] } : {}),
      };
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
        '{"a":1',
        'a=1&b=2',
        '<xml/>',
      ],
      3,
    )
    .map((text) => bodyCase(spec, 'malformed-json', JSON.stringify(text.slice(0, 20)), text, ['JSON']));
  // A UTF-8 byte-order mark before valid JSON: decoded away, so the body is taken.
  const bom = bodyCase(
    spec,
    'content-type',
    'valid JSON after a byte-order mark',
    `\ufeff${toJsonText(sample)}`,
  );
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
        // A JSON body must say so: text/plain and form bodies are what a hostile page can send
        // across sites without a preflight (docs/security.md), so they are refused with 415.
        request: requestFor(spec, { body: valid, headers: type ? { 'content-type': type } : {} }),
        ...(type.startsWith('application/json')
          ? { expect: 'accepted' as const }
          : { expect: 'refused' as const, statuses: [415], mentions: ['Content-Type: application/json'] }),
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
    ...idCases,
    ...huge,
    ...deep,
    ...malformed,
    ...scalars,
    ...empty,
    ...contentTypes,
    bom,
    ...oversize,
    ...duplicates,
  ];
}
