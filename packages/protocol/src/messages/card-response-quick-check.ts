import { compileValidator } from '../fast-path/compile-fast-path.ts';
import { legacyCardResponseSchema } from './crm-card-fetch.ts';

/**
 * The framework's check of a legacy data-fetch reply, compiled from `legacyCardResponseSchema`
 * (src/fast-path): `true` exactly when the schema accepts the reply read back from JSON, so a rule
 * added to the schema holds here too. `false` means "invalid or not sure": the caller then runs the
 * zod schema, which also words the issues. test/card-response-quick-check.test.ts compares the two
 * on generated valid and invalid replies.
 */
export const isSurelyValidLegacyCardResponse: (value: unknown) => boolean =
  compileValidator(legacyCardResponseSchema);
