import type { z } from 'zod';
import { SpokeEmulatorError } from '../errors.ts';

/** Parses input with `schema`; failures become API_VALIDATION_FAILED carrying the zod error (→ `errors[].in`). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  throw new SpokeEmulatorError(
    'API_VALIDATION_FAILED',
    `invalid ${what}: ${first?.message ?? 'does not match the schema'}${where}.`,
    { cause: result.error },
  );
}
