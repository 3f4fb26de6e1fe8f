import { compileParser } from '../fast-path/compile-fast-path.ts';
import { type CardFetchRequest, cardFetchRequestSchema } from './crm-card-fetch.ts';

// Compiled on first use, so importing the package compiles nothing (about a millisecond saved).
let parse: ((raw: unknown) => CardFetchRequest | undefined) | undefined;

/**
 * The data-fetch query parsed by the parser compiled from `cardFetchRequestSchema` (src/fast-path),
 * for the framework's hot path: the value the schema would give (property order included), or
 * `undefined` when the schema rejects the query or the fast path is not sure; the caller then runs
 * the zod schema, which also words the issues. test/card-fetch-quick-parse.test.ts compares the two
 * on generated queries.
 */
export function quickParseCardFetchRequest(raw: unknown): CardFetchRequest | undefined {
  parse ??= compileParser(cardFetchRequestSchema);
  return parse(raw);
}
