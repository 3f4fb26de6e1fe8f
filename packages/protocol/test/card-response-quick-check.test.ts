import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCardReply } from '../../../tests/helpers/card-fixture.ts';
import { compileValidator } from '../src/fast-path/compile-fast-path.ts';
import {
  isSurelyValidLegacyCardResponse,
  legacyCardResponseSchema,
  serializeLegacyCardResponse,
} from '../src/index.ts';

const zodAccepts = (value: unknown) => legacyCardResponseSchema.safeParse(value).success;

// Values near every rule's edge: numeric and date look-alikes, odd numbers, wrong types.
const edgeValue = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  'x',
  '12',
  '-12',
  '1.5',
  '-1.5',
  '1.',
  '.5',
  '1e3',
  '12\n',
  '2024-01-02',
  '2024-1-02',
  '2024-01-02\n',
  'USD',
  'usd',
  'USDX',
  'true',
  'false',
  'TRUE',
  'GET',
  'get',
  'POST',
  'IFRAME',
  'ACTION_HOOK',
  'CONFIRMATION_ACTION_HOOK',
  'STRING',
  'SUCCESS',
  'https://x.example/a',
  true,
  false,
  [],
  [''],
  [1],
  {},
  new Date(0),
);

const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'https://x.example/a', '/relative'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/**
 * Reply arbitraries built with `leaf` around every field and `maxResults` items: the identity and 5
 * give valid replies; a leaf that sometimes swaps in an edge value, and 7 items, give near-valid ones
 * where each rule gets broken now and then (a whole-tree mutation rarely hits one given field).
 */
function replyArbitrary(
  leaf: (arb: fc.Arbitrary<unknown>, nearMisses?: readonly unknown[]) => fc.Arbitrary<unknown>,
  maxResults: number,
) {
  const numberLike = leaf(
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/),
    ),
    [Number.NaN, Number.POSITIVE_INFINITY, '1.', '.5', '1e3', ' 12', '', true, null],
  );
  const epochMs = leaf(fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,13}$/)), [
    -1,
    1.5,
    '-1',
    '1.5',
    Number.NaN,
    2 ** 53,
  ]);
  const label = leaf(text);
  const optionalText = leaf(maybe(text));
  const base = { label, name: optionalText };
  const property = fc.oneof(
    fc.record({
      ...base,
      dataType: leaf(fc.constant('STRING')),
      value: leaf(fc.oneof(text, fc.integer(), fc.boolean()), [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        null,
        undefined,
        [],
      ]),
    }),
    fc.record({ ...base, dataType: leaf(fc.constant('NUMERIC')), value: numberLike }),
    fc.record({
      ...base,
      dataType: leaf(fc.constant('CURRENCY')),
      value: numberLike,
      currencyCode: leaf(fc.constantFrom('USD', 'GBP', 'EUR', 'JPY', 'XCG'), [
        'usd',
        'USDX',
        'US',
        'XYZ',
        '',
        1,
        undefined,
      ]),
    }),
    fc.record({
      ...base,
      dataType: leaf(fc.constant('DATE')),
      // Real calendar days; near misses include days that do not exist.
      value: leaf(
        fc
          .date({
            min: new Date(Date.UTC(1, 0, 1)),
            max: new Date(Date.UTC(9999, 11, 31)),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString().slice(0, 10)),
        ['2024-1-02', '2024-01-02\n', 20240102, '', '2023-02-29', '2023-13-45', '2024-04-31'],
      ),
    }),
    fc.record({ ...base, dataType: leaf(fc.constant('DATETIME')), value: epochMs }),
    fc.record({ ...base, dataType: leaf(fc.constant('EMAIL')), value: label }),
    fc.record({ ...base, dataType: leaf(fc.constant('LINK')), value: label, linkLabel: optionalText }),
    fc.record({
      ...base,
      dataType: leaf(fc.constant('STATUS')),
      value: label,
      optionType: leaf(fc.constantFrom('DEFAULT', 'SUCCESS', 'WARNING', 'DANGER', 'INFO'), [
        'success',
        'OK',
        '',
        undefined,
      ]),
    }),
    fc.record({
      ...base,
      dataType: leaf(fc.constant('BOOLEAN')),
      value: leaf(fc.oneof(fc.boolean(), fc.constantFrom('true', 'false')), ['TRUE', 'yes', 1, 0, null]),
    }),
  );
  const actionBase = {
    uri: leaf(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constant('https://x.example/a')), [
      '',
      1,
      undefined,
      null,
    ]),
    label: optionalText,
    associatedObjectProperties: leaf(maybe(fc.array(label, { maxLength: 2 }))),
  };
  const hookMethod = leaf(maybe(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')), [
    'get',
    'HEAD',
    '',
    null,
  ]);
  const size = leaf(fc.integer({ min: 1, max: 4000 }), [0, -1, 1.5, 2 ** 53, '100', Number.NaN]);
  const iframe = fc.record({ type: leaf(fc.constant('IFRAME')), ...actionBase, width: size, height: size });
  const action = fc.oneof(
    iframe,
    fc.record({ type: leaf(fc.constant('ACTION_HOOK')), ...actionBase, httpMethod: hookMethod }),
    fc.record({
      type: leaf(fc.constant('CONFIRMATION_ACTION_HOOK')),
      ...actionBase,
      httpMethod: hookMethod,
      confirmationMessage: label,
      confirmButtonText: optionalText,
      cancelButtonText: optionalText,
    }),
  );
  const result = fc.record(
    {
      objectId: leaf(fc.integer(), [1.5, 2 ** 53, '1', Number.NaN, null]),
      title: label,
      link: leaf(fc.oneof(text, fc.constant(null), fc.constant(undefined))),
      properties: leaf(fc.array(property, { maxLength: 4 })),
      actions: leaf(fc.array(action, { maxLength: 3 })),
      extra: fc.oneof(text, fc.integer()),
    },
    { requiredKeys: ['objectId', 'title'] },
  );
  return fc.record(
    {
      results: leaf(fc.array(result, { minLength: maxResults > 5 ? 3 : 0, maxLength: maxResults })),
      totalCount: leaf(fc.nat(), [-1, 1.5, '1', Number.POSITIVE_INFINITY]),
      allItemsLink: label,
      allItemsLinkUrl: label,
      itemLabel: label,
      cardLabel: label,
      settingsAction: leaf(iframe),
      primaryAction: leaf(action),
      secondaryActions: leaf(fc.array(action, { maxLength: 2 })),
    },
    { requiredKeys: ['results'] },
  );
}

const validReply = replyArbitrary((arb) => arb, 5);
// About one broken field per reply, so each rule is often the only one a reply breaks.
const nearValidReply = replyArbitrary(
  (arb, nearMisses) =>
    fc.oneof(
      { arbitrary: arb, weight: 40 },
      { arbitrary: nearMisses === undefined ? edgeValue : fc.constantFrom(...nearMisses), weight: 1 },
    ),
  7,
);

/** Every path to a value inside `value` (object keys and array indexes). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

type Mutation = { kind: 'set' | 'delete' | 'add' | 'copy'; pick: number; key: string; value: unknown };

/**
 * A copy of `reply` with one value replaced, one key removed, one key/item added somewhere, or an
 * array's first item appended again (how a reply outgrows the five-item limit).
 */
function mutate(reply: unknown, mutation: Mutation): unknown {
  const copy: unknown = structuredClone(reply);
  if (typeof copy !== 'object' || copy === null) return mutation.value;
  const paths = [[], ...pathsOf(copy)];
  const path = paths[mutation.pick % paths.length] ?? [];
  if (path.length === 0 && mutation.kind !== 'add' && mutation.kind !== 'copy') return mutation.value;
  let parent = copy as Record<string | number, unknown>;
  const steps = mutation.kind === 'add' || mutation.kind === 'copy' ? path : path.slice(0, -1);
  for (const step of steps) {
    const next = parent[step];
    if (typeof next !== 'object' || next === null) return mutation.value;
    parent = next as Record<string | number, unknown>;
  }
  const last = path.at(-1) ?? '';
  if (mutation.kind === 'set') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') delete parent[last];
  else if (mutation.kind === 'copy') {
    if (Array.isArray(parent) && parent.length > 0) parent.push(structuredClone(parent[0]));
  } else if (Array.isArray(parent)) parent.push(mutation.value);
  else parent[mutation.key] = mutation.value;
  return copy;
}

const mutation = fc.record({
  kind: fc.constantFrom('set', 'set', 'set', 'delete', 'add', 'copy'),
  pick: fc.nat(),
  key: fc.constantFrom('results', 'totalCount', 'width', 'uri', 'value', 'currencyCode', 'dataType', 'extra'),
  value: fc.oneof(
    { arbitrary: edgeValue, weight: 3 },
    { arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 },
  ),
});

// The exported check (the generated engine) and the closure engine a runtime without `new Function` gets.
const engines = [
  { engine: 'generated', fast: isSurelyValidLegacyCardResponse },
  { engine: 'closures', fast: compileValidator(legacyCardResponseSchema, 'closures') },
] as const;

describe.each(engines)('isSurelyValidLegacyCardResponse ($engine engine)', ({ fast }) => {
  it('accepts every generated valid reply, each of which the schema accepts too', () => {
    fc.assert(
      fc.property(validReply, (reply) => {
        expect(zodAccepts(reply)).toBe(true);
        expect(fast(reply)).toBe(true);
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });

  it('answers as the schema does on one to three mutations of a valid reply', () => {
    let rejectedByZod = 0;
    fc.assert(
      fc.property(validReply, fc.array(mutation, { minLength: 1, maxLength: 3 }), (reply, mutations) => {
        const mutated = mutations.reduce<unknown>((value, change) => mutate(value, change), reply);
        const zodOk = zodAccepts(mutated);
        if (!zodOk) rejectedByZod += 1;
        expect(fast(mutated)).toBe(zodOk);
      }),
      { seed: 20261127, numRuns: 2000 },
    );
    // The mutations must actually reach invalid replies, or the property proves little.
    expect(rejectedByZod).toBeGreaterThan(800);
  });

  it('answers as the schema does on near-valid replies (edge values in any field, up to 7 items)', () => {
    let rejectedByZod = 0;
    fc.assert(
      fc.property(nearValidReply, (reply) => {
        const zodOk = zodAccepts(reply);
        if (!zodOk) rejectedByZod += 1;
        expect(fast(reply)).toBe(zodOk);
      }),
      { seed: 20261131, numRuns: 4000 },
    );
    expect(rejectedByZod).toBeGreaterThan(1000);
    expect(rejectedByZod).toBeLessThan(4000);
  });

  it('answers as the schema does on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(fast(value)).toBe(zodAccepts(value));
      }),
      { seed: 20261128, numRuns: 500 },
    );
  });

  it('covers the benchmark reply', () => {
    const reply = buildCardReply(53701, 'jane.doe@example.com');
    expect(zodAccepts(reply)).toBe(true);
    expect(fast(reply)).toBe(true);
  });

  it('refuses what the schema refuses at the edges, and accepts a class instance as zod does', () => {
    const reply = buildCardReply(1, 'a@example.com');
    const sixItems = { ...reply, results: [...reply.results, ...reply.results.slice(0, 1)] };
    const badDate = structuredClone(reply);
    (badDate.results[0]?.properties?.[2] as { value: unknown }).value = '2023-02-29';
    const badCurrency = structuredClone(reply);
    (badCurrency.results[0]?.properties?.[0] as { currencyCode: unknown }).currencyCode = 'XYZ';
    for (const value of [
      sixItems,
      badDate,
      badCurrency,
      { ...reply, totalCount: -1 },
      { ...reply, totalCount: 1.5 },
    ]) {
      expect(zodAccepts(value)).toBe(false);
      expect(fast(value)).toBe(false);
    }
    const classInstance = Object.assign(new (class Reply {})(), reply);
    expect(zodAccepts(classInstance)).toBe(true);
    expect(fast(classInstance)).toBe(true);
  });
});

/**
 * The serializer's two sides: whatever it writes is `JSON.stringify`'s text and the schema accepts
 * that text read back; and on JSON data, whatever the schema accepts it writes.
 */
function expectSerializerAgrees(value: unknown): 'written' | 'left' {
  const text = serializeLegacyCardResponse(value);
  if (text !== undefined) {
    expect(text).toBe(JSON.stringify(value));
    expect(zodAccepts(JSON.parse(text))).toBe(true);
  }
  const json = JSON.stringify(value);
  if (json !== undefined && !json.includes('"__proto__":')) {
    const plain: unknown = JSON.parse(json);
    expect(serializeLegacyCardResponse(plain)).toBe(zodAccepts(plain) ? json : undefined);
  }
  return text === undefined ? 'left' : 'written';
}

describe('serializeLegacyCardResponse', () => {
  it("writes every generated valid reply as JSON.stringify's text", () => {
    fc.assert(
      fc.property(validReply, (reply) => {
        expect(serializeLegacyCardResponse(reply)).toBe(JSON.stringify(reply));
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });

  it('agrees with JSON.stringify and the schema on mutations, near-valid replies and arbitrary values', () => {
    const outcomes = { written: 0, left: 0 };
    fc.assert(
      fc.property(validReply, fc.array(mutation, { minLength: 1, maxLength: 3 }), (reply, mutations) => {
        outcomes[
          expectSerializerAgrees(mutations.reduce<unknown>((value, change) => mutate(value, change), reply))
        ] += 1;
      }),
      { seed: 20261205, numRuns: 1500 },
    );
    fc.assert(
      fc.property(nearValidReply, (reply) => {
        outcomes[expectSerializerAgrees(reply)] += 1;
      }),
      { seed: 20261206, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        outcomes[expectSerializerAgrees(value)] += 1;
      }),
      { seed: 20261207, numRuns: 300 },
    );
    // Both sides reached: replies written, and replies left to the read-back (most of them invalid).
    expect(outcomes.written).toBeGreaterThan(300);
    expect(outcomes.left).toBeGreaterThan(1000);
  });

  it('leaves to the read-back what it cannot prove: a toJSON, a class instance, a non-enumerable or inherited field', () => {
    const reply = buildCardReply(1, 'a@example.com');
    const [item] = reply.results;
    const withToJson = { ...reply, toJSON: () => reply };
    const itemToJson = { ...reply, results: [{ ...item, toJSON: () => item }] };
    const classInstance = Object.assign(new (class Reply {})(), reply);
    const hidden = { ...reply };
    Object.defineProperty(hidden, 'results', { value: reply.results, enumerable: false });
    const inherited = Object.create({ results: reply.results }) as object;
    for (const value of [withToJson, itemToJson, classInstance, hidden, inherited]) {
      expect(serializeLegacyCardResponse(value)).toBeUndefined();
    }
    // An enumerable key on Object.prototype: every plain object would show it to `for…in`.
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true });
    let whilePolluted: string | undefined;
    try {
      whilePolluted = serializeLegacyCardResponse(reply);
    } finally {
      delete (Object.prototype as { polluted?: unknown }).polluted;
    }
    expect(whilePolluted).toBeUndefined();
    expect(serializeLegacyCardResponse(reply)).toBe(JSON.stringify(reply));
    // zod reads the hidden and inherited fields, JSON.stringify does not: only the read-back sees that.
    expect(zodAccepts(hidden)).toBe(true);
    expect(zodAccepts(JSON.parse(JSON.stringify(hidden)))).toBe(false);
  });

  it('reads each field once and writes what it read: a getter or a Proxy cannot show it one value and send another', () => {
    const reply = buildCardReply(1, 'a@example.com');
    const seven = Array.from({ length: 7 }, () => reply.results[0]);
    let reads = 0;
    const getter = {
      get results() {
        reads += 1;
        return reads === 1 ? reply.results.slice(0, 1) : seven;
      },
    };
    const text = serializeLegacyCardResponse(getter);
    expect(reads).toBe(1);
    expect((JSON.parse(text ?? '{}') as { results: unknown[] }).results).toHaveLength(1);
    let proxyReads = 0;
    const proxy = new Proxy(reply, {
      get(target, key, receiver) {
        if (key !== 'results') return Reflect.get(target, key, receiver);
        proxyReads += 1;
        return proxyReads === 1 ? seven : reply.results;
      },
    });
    // Seven items on the one read: refused, whatever a second read would give.
    expect(serializeLegacyCardResponse(proxy)).toBeUndefined();
    expect(proxyReads).toBe(1);
  });
});
