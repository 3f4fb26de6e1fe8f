import type { z } from 'zod';

/** One schema problem with a dotted path (`results.5`, `results.0.properties.1.currencyCode`). */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** Orders issues by path, numbers as numbers (`results.2` before `results.10`), the root first. */
export function compareIssuePaths(a: { path: string }, b: { path: string }): number {
  const left = a.path === '(root)' ? [] : a.path.split('.');
  const right = b.path === '(root)' ? [] : b.path.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i] ?? '', right[i] ?? ''];
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Flattens a zod error into path + message pairs sorted by path, the form every Spoke report uses. */
export function schemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues
    .map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    }))
    .sort(compareIssuePaths);
}

/** How many issues a one-line summary lists before "and N more". */
export const maxListedIssues = 10;

/** `path: message; path: message`, for one-line logs; past `max` issues it ends "and N more". */
export function formatSchemaIssues(issues: readonly SchemaIssue[], max = maxListedIssues): string {
  const listed = issues
    .slice(0, max)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
  return issues.length > max ? `${listed}; and ${issues.length - max} more` : listed;
}
