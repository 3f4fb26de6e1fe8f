import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildCardReply } from '../../../tests/helpers/card-fixture.ts';
import {
  compileParser,
  compileSerializer,
  compileValidator,
  type FastPathEngine,
  fastPathGaps,
  serializerGaps,
} from '../src/fast-path/compile-fast-path.ts';
import {
  actionHookReplySchema,
  cardFetchRequestSchema,
  cardResultSchema,
  channelConnectionResponseSchema,
  legacyCardResponseSchema,
  shareViaSchemas,
} from '../src/index.ts';

const engines: FastPathEngine[] = ['generated', 'closures'];

// A zoo of the constructs the compilers follow, each with rules at its edges.
const zoo = {
  pattern: z.string().regex(/^[a-c]+$/),
  globalPattern: z.string().regex(/a/g),
  lengths: z.string().min(2).max(3),
  exactLength: z.string().length(2),
  email: z.email(),
  numbers: z.number().int().positive().lt(100),
  inclusive: z.number().gte(-1).lte(1),
  literal: z.literal('x'),
  literals: z.literal([1, 'one', null]),
  enumeration: z.enum(['A', 'B']),
  nullable: z.string().nullable(),
  optional: z.object({ a: z.string().optional(), b: z.number() }),
  strict: z.strictObject({ a: z.string() }),
  loose: z.looseObject({ a: z.string() }),
  catchall: z.object({ a: z.string() }).catchall(z.number()),
  items: z.array(z.union([z.string(), z.number()])).max(2),
  nonEmpty: z.array(z.boolean()).nonempty(),
  discriminated: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('a'), a: z.string() }),
    z.object({ kind: z.literal('b'), b: z.number().optional() }),
  ]),
  refined: z.string().refine((value) => value !== 'no'),
  checked: z.string().check((ctx) => {
    if (ctx.value.startsWith('!')) ctx.issues.push({ code: 'custom', message: 'no bang', input: ctx.value });
  }),
  objectRefined: z.object({ a: z.number(), b: z.number() }).refine((value) => value.a < value.b),
  transformed: z.object({ n: z.string() }).transform((value) => ({ length: value.n.length })),
  transformIssue: z.string().transform((value, ctx) => {
    if (value === 'bad') ctx.addIssue({ code: 'custom', message: 'bad' });
    return value.toUpperCase();
  }),
  piped: z.string().pipe(z.string().min(2)),
} satisfies Record<string, z.ZodType>;

// JSON-like values near the zoo's edges, nested a little.
const leaf = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    'a',
    'ab',
    'abc',
    'abcd',
    'x',
    'no',
    '!x',
    'bad',
    'A',
    'B',
    'one',
    'a@b.co',
    '😀',
    '😀😀',
  ),
  fc.constantFrom<unknown>(0, -1, 1, 1.5, 99, 100, 2 ** 53, Number.NaN, null, undefined, true, false),
  fc.string({ maxLength: 4, unit: 'binary' }),
  fc.integer(),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'n', 'kind', '__proto__', 'toString', 'z'), tie('any'), {
    maxKeys: 3,
  }),
})).any;

describe.each(engines)('fast paths compiled from zod schemas (%s engine)', (engine) => {
  for (const [name, schema] of Object.entries(zoo)) {
    it(`${name}: accepts exactly what zod accepts and gives zod's output`, () => {
      const validate = compileValidator(schema, engine);
      const parse = compileParser(schema, engine);
      fc.assert(
        fc.property(value, (input) => {
          const parsed = schema.safeParse(input);
          expect(validate(input)).toBe(parsed.success);
          expect(parse(input)).toStrictEqual(parsed.success ? parsed.data : undefined);
        }),
        { seed: 20261203, numRuns: 300 },
      );
    });
  }

  it('enforces a rule added to the schema without an edit to the fast path', () => {
    const reply = buildCardReply(1, 'a@example.com');
    const longLabel = { ...reply, cardLabel: 'Issues reported' };
    // Planted: a limit on a field the schema leaves free today, and a rule on every item's title.
    const limited = legacyCardResponseSchema.extend({ cardLabel: z.string().max(6).optional() });
    const titled = legacyCardResponseSchema.extend({
      results: z.array(cardResultSchema.extend({ title: z.string().startsWith('BUG-') })).max(5),
    });
    expect(compileValidator(legacyCardResponseSchema, engine)(longLabel)).toBe(true);
    expect(compileValidator(limited, engine)(longLabel)).toBe(false);
    expect(compileValidator(limited, engine)({ ...reply, cardLabel: 'Issues' })).toBe(true);
    expect(compileValidator(titled, engine)(reply)).toBe(false);
    const bugs = {
      ...reply,
      results: reply.results.map((item) => ({ ...item, title: `BUG-${item.title}` })),
    };
    expect(compileValidator(titled, engine)(bugs)).toBe(true);
    expect(titled.safeParse(bugs).success).toBe(true);
  });

  it('follows every part of the schemas on the framework hot path', () => {
    expect(fastPathGaps(legacyCardResponseSchema, engine)).toEqual([]);
    expect(fastPathGaps(cardFetchRequestSchema, engine)).toEqual([]);
  });

  it('names what it leaves to zod, and answers "not sure" there', () => {
    const schema = z.object({ a: z.string().default('x'), b: z.coerce.number() });
    expect(fastPathGaps(schema, engine)).toEqual(['(root).a: default']);
    expect(fastPathGaps(z.object({ b: z.coerce.number() }), engine)).toEqual(['(root).b: coerced number']);
    expect(schema.safeParse({ b: '1' }).success).toBe(true);
    expect(compileValidator(schema, engine)({ b: '1' })).toBe(false);
    expect(compileParser(schema, engine)({ b: '1' })).toBeUndefined();
  });
});

// The zoo entries that judge a container as a whole or rewrite it: the serializer leaves them to the read-back.
const serializerLeavesOut = new Set(['objectRefined', 'transformed', 'transformIssue', 'piped']);

/** True for data `JSON.parse` can give back (no own `__proto__` key, which the serializer leaves to the read-back). */
const isPlainJson = (input: unknown): boolean => {
  const text = JSON.stringify(input);
  return text !== undefined && !text.includes('"__proto__":');
};

// A valid value for each zoo entry, mixed in: the generator above seldom builds some of them.
const validExample = fc.constantFrom<unknown>(
  'x',
  'ab',
  'a@b.co',
  5,
  0.5,
  null,
  'A',
  { a: 's', b: 1 },
  { a: 's' },
  { a: 's', z: 2 },
  ['a', 1],
  [true],
  { kind: 'a', a: 's' },
  { kind: 'b' },
  { kind: 'b', b: 1 },
);

describe('serializers compiled from zod schemas', () => {
  for (const [name, schema] of Object.entries(zoo)) {
    it(`${name}: writes JSON.stringify's text only when zod accepts that text read back`, () => {
      const serialize = compileSerializer(schema);
      let written = 0;
      fc.assert(
        fc.property(fc.oneof(value, validExample), (input) => {
          const text = serialize(input);
          if (text !== undefined) {
            written += 1;
            expect(text).toBe(JSON.stringify(input));
            expect(schema.safeParse(JSON.parse(text)).success).toBe(true);
          }
          // On JSON data the other way round too: whatever zod accepts gets written.
          if (isPlainJson(input) && !serializerLeavesOut.has(name)) {
            const plain: unknown = JSON.parse(JSON.stringify(input));
            const accepted = schema.safeParse(plain).success;
            if (accepted) written += 1;
            expect(serialize(plain)).toBe(accepted ? JSON.stringify(plain) : undefined);
          }
        }),
        { seed: 20261204, numRuns: 300 },
      );
      if (!serializerLeavesOut.has(name)) expect(written).toBeGreaterThan(0);
    });
  }

  it('follows every part of the framework reply schemas, and names what it leaves to the read-back', () => {
    expect(serializerGaps(legacyCardResponseSchema)).toEqual([]);
    expect(serializerGaps(actionHookReplySchema)).toEqual([]);
    expect(serializerGaps(channelConnectionResponseSchema)).toEqual([]);
    for (const { response } of Object.values(shareViaSchemas)) expect(serializerGaps(response)).toEqual([]);
    expect(serializerGaps(zoo.objectRefined)).toEqual(['(root): a check on the whole object']);
    expect(serializerGaps(zoo.piped)).toEqual(['(root): pipe']);
    expect(compileSerializer(zoo.objectRefined)({ a: 1, b: 2 })).toBeUndefined();
  });

  it('enforces a rule added to the schema without an edit to the serializer', () => {
    const reply = buildCardReply(1, 'a@example.com');
    const titled = legacyCardResponseSchema.extend({
      results: z.array(cardResultSchema.extend({ title: z.string().startsWith('BUG-') })).max(5),
    });
    expect(compileSerializer(legacyCardResponseSchema)(reply)).toBe(JSON.stringify(reply));
    expect(compileSerializer(titled)(reply)).toBeUndefined();
  });
});

describe('where a runtime refuses new Function', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('builds the same checker from closures', () => {
    let refusals = 0;
    vi.stubGlobal('Function', function refused() {
      refusals += 1;
      throw new EvalError('Code generation from strings disallowed for this context');
    });
    const validate = compileValidator(legacyCardResponseSchema);
    expect(refusals).toBe(1);
    const reply = buildCardReply(1, 'a@example.com');
    expect(validate(reply)).toBe(true);
    expect(validate({ ...reply, totalCount: -1 })).toBe(false);
  });
});
