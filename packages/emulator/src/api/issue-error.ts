import { z } from 'zod';

/** A zod error for a rule zod cannot express (scopes, limits), so it reports `errors[].in` the same way. */
export function issueError(issues: readonly { path: (string | number)[]; message: string }[]): z.ZodError {
  return new z.ZodError(issues.map((issue) => ({ code: 'custom' as const, input: undefined, ...issue })));
}
