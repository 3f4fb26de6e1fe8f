import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardQuery } from '../../../tests/helpers/card-fixture.ts';
import { compileParser } from '../src/fast-path/compile-fast-path.ts';
import { cardFetchRequestSchema, quickParseCardFetchRequest } from '../src/index.ts';

// Values near each rule's edge: ids just past the safe range, signs, spaces, enum near-misses.
const edgeValue = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  '0',
  '007',
  '-1',
  '1.5',
  '1e3',
  ' 12',
  '12\n',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  'CONTACT',
  'contact',
  'MARKETING_EVENT',
  'x@example.com',
  12,
  true,
  [],
  {},
);

const id = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom('0', '007', '9007199254740991', '9007199254740992', '99999999999999999999'),
);
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'jane@example.com'));
// Extra keys: the record's properties, including names that look like numbers or shadow Object's.
const propertyName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.constantFrom('email', 'firstname', '12', 'toString', 'constructor', '__proto__', 'hasOwnProperty'),
);

const query = fc
  .tuple(
    fc.record(
      {
        userId: id,
        userEmail: text,
        associatedObjectId: id,
        associatedObjectType: fc.constantFrom('CONTACT', 'COMPANY', 'DEAL', 'TICKET', 'MARKETING_EVENT'),
        portalId: id,
        appId: id,
      },
      { requiredKeys: ['userId', 'userEmail', 'associatedObjectId', 'associatedObjectType', 'portalId'] },
    ),
    fc.array(fc.tuple(propertyName, text), { maxLength: 4 }),
    fc.array(
      fc.tuple(
        fc.constantFrom(
          'userId',
          'userEmail',
          'associatedObjectId',
          'associatedObjectType',
          'portalId',
          'appId',
          'email',
        ),
        edgeValue,
      ),
      { maxLength: 2 },
    ),
    fc.boolean(),
  )
  .map(([named, extras, changes, nullPrototype]) => {
    const raw: Record<string, unknown> = nullPrototype ? Object.create(null) : {};
    // Shuffle-free but mixed order: extras first, then the named keys, as a query may send them.
    for (const [key, value] of extras)
      Object.defineProperty(raw, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [key, value] of Object.entries(named)) raw[key] = value;
    for (const [key, value] of changes) {
      if (value === undefined && key !== 'appId') delete raw[key];
      else raw[key] = value;
    }
    return raw;
  });

// The exported parser (the generated engine) and the closure engine a runtime without `new Function` gets.
const engines = [
  { engine: 'generated', quickParse: quickParseCardFetchRequest },
  { engine: 'closures', quickParse: compileParser(cardFetchRequestSchema, 'closures') },
] as const;

describe.each(engines)('quickParseCardFetchRequest ($engine engine)', ({ quickParse }) => {
  it('answers exactly when the schema accepts, with exactly what the schema gives', () => {
    let zodValid = 0;
    fc.assert(
      fc.property(query, (raw) => {
        const quick = quickParse(raw);
        const parsed = cardFetchRequestSchema.safeParse(raw);
        if (parsed.success) zodValid += 1;
        expect(quick !== undefined).toBe(parsed.success);
        if (quick === undefined) return;
        expect(quick).toStrictEqual(parsed.data);
        // Same key order too: handlers may list properties in the order they arrived.
        expect(Object.keys(quick.properties)).toEqual(Object.keys(parsed.data?.properties ?? {}));
      }),
      { seed: 20261129, numRuns: 2000 },
    );
    // Both outcomes occur.
    expect(zodValid).toBeGreaterThan(200);
    expect(zodValid).toBeLessThan(2000);
  });

  it('answers exactly when the schema accepts, on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = cardFetchRequestSchema.safeParse(value);
        const quick = quickParse(value);
        expect(quick !== undefined).toBe(parsed.success);
        if (parsed.success) expect(quick).toStrictEqual(parsed.data);
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });

  it("answers for the benchmark's query, with the schema's output", () => {
    const raw = Object.fromEntries(new URLSearchParams(cardQuery));
    const quick = quickParse(raw);
    expect(quick).toStrictEqual(cardFetchRequestSchema.parse(raw));
    expect(quick?.properties).toEqual({ email: 'jane.doe@example.com', firstname: 'Jane' });
  });
});
