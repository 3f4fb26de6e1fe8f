import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardQuery } from '../../../tests/helpers/card-fixture.ts';
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

describe('quickParseCardFetchRequest', () => {
  it('gives exactly what the schema gives whenever it answers, and answers for most valid queries', () => {
    let answered = 0;
    let zodValid = 0;
    fc.assert(
      fc.property(query, (raw) => {
        const quick = quickParseCardFetchRequest(raw);
        const parsed = cardFetchRequestSchema.safeParse(raw);
        if (parsed.success) zodValid += 1;
        if (quick === undefined) return;
        answered += 1;
        expect(parsed.success).toBe(true);
        expect(quick).toStrictEqual(parsed.data);
        // Same key order too: handlers may list properties in the order they arrived.
        expect(Object.keys(quick.properties)).toEqual(Object.keys(parsed.data?.properties ?? {}));
      }),
      { seed: 20261129, numRuns: 2000 },
    );
    // Both outcomes occur, and the quick parser answers for most queries the schema accepts.
    expect(zodValid).toBeGreaterThan(200);
    expect(zodValid).toBeLessThan(2000);
    expect(answered).toBeGreaterThan(zodValid * 0.8);
  });

  it('never answers for arbitrary values the schema rejects', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        if (quickParseCardFetchRequest(value) !== undefined) {
          expect(cardFetchRequestSchema.safeParse(value).success).toBe(true);
        }
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });

  it("answers for the benchmark's query, with the schema's output", () => {
    const raw = Object.fromEntries(new URLSearchParams(cardQuery));
    const quick = quickParseCardFetchRequest(raw);
    expect(quick).toStrictEqual(cardFetchRequestSchema.parse(raw));
    expect(quick?.properties).toEqual({ email: 'jane.doe@example.com', firstname: 'Jane' });
  });
});
