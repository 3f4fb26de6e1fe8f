import { compileSerializer, compileValidator } from '../fast-path/compile-fast-path.ts';
import { legacyCardResponseSchema } from './crm-card-fetch.ts';

// Compiled on first use, so importing the package compiles nothing (about a millisecond saved).
let check: ((value: unknown) => boolean) | undefined;

/**
 * The framework's check of a legacy data-fetch reply, compiled from `legacyCardResponseSchema`
 * (src/fast-path): `true` exactly when the schema accepts the reply read back from JSON, so a rule
 * added to the schema holds here too. `false` means "invalid or not sure": the caller then runs the
 * zod schema, which also words the issues. test/card-response-quick-check.test.ts compares the two
 * on generated valid and invalid replies.
 */
export function isSurelyValidLegacyCardResponse(value: unknown): boolean {
  check ??= compileValidator(legacyCardResponseSchema);
  return check(value);
}

let serialize: ((value: unknown) => string | undefined) | undefined;

/**
 * A legacy data-fetch reply as JSON, written and judged in one pass by the serializer compiled from
 * `legacyCardResponseSchema` (src/fast-path/generate-serializer.ts): exactly `JSON.stringify(value)`,
 * and only when the schema accepts that text read back, so the text returned is the text checked.
 * `undefined` means "invalid or not sure" (a `toJSON`, a class instance…): the caller then
 * serialises, reads back and runs the schema. test/card-response-quick-check.test.ts compares it
 * with `JSON.stringify` and the schema on generated replies.
 */
export function serializeLegacyCardResponse(value: unknown): string | undefined {
  serialize ??= compileSerializer(legacyCardResponseSchema);
  return serialize(value);
}
