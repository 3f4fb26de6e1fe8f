import type { z } from 'zod';

/** One schema problem with a dotted path (`results.5`, `results.0.properties.1.currencyCode`). */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** Flattens a zod error into path + message pairs, the form every Spoke report uses. */
export function schemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** `path: message; path: message`, for one-line logs. */
export function formatSchemaIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
