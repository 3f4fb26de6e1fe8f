import type { z } from 'zod';
import { ignoredFieldWarnings } from '../field-hints.ts';
import type { SchemaIssue } from '../schema-issues.ts';
import { compareIssuePaths } from '../schema-issues.ts';
import { cardDefinitionCreateSchema, cardDefinitionPatchSchema } from './card-definition.ts';

// Fields written at the wrong level, and where HubSpot reads them. docs/protocol.md §2.1.
const misplaced: Record<string, string> = {
  targetUrl: 'fetch.targetUrl',
  objectTypes: 'fetch.objectTypes',
  'fetch.propertiesToSend': 'fetch.objectTypes[].propertiesToSend (one list per object type)',
  propertiesToSend: 'fetch.objectTypes[].propertiesToSend (one list per object type)',
  baseUrls: 'actions.baseUrls',
  'fetch.baseUrls': 'actions.baseUrls',
  properties: 'display.properties',
};

/** What the developer API returns but does not take: a body copied from a GET carries them. */
export const readOnlyDefinitionFields = ['id', 'createdAt', 'updatedAt', 'auditHistory'] as const;

/**
 * Fields of a card definition body (developer API create or patch) that HubSpot ignores without a
 * word: misplaced (`targetUrl` at the top instead of under `fetch`), read-only, misspelled or
 * unknown. Each names where the field belongs, when that is known. Empty for a clean body.
 * @example cardDefinitionWarnings({ title: 'T', targetUrl: 'https://x' })
 * // [{ path: 'targetUrl', message: 'HubSpot ignores `targetUrl` here; it belongs at fetch.targetUrl' }]
 */
export function cardDefinitionWarnings(
  body: unknown,
  options: {
    patch?: boolean;
    /** A schema that extends the definition's (a config file's card with its own keys). */
    schema?: z.ZodType;
  } = {},
): SchemaIssue[] {
  const schema = options.schema ?? (options.patch ? cardDefinitionPatchSchema : cardDefinitionCreateSchema);
  return ignoredFieldWarnings(schema, body, { readOnly: readOnlyDefinitionFields })
    .map((warning) => {
      const belongs = misplaced[warning.path];
      const key = warning.path.split('.').at(-1);
      return belongs
        ? { path: warning.path, message: `HubSpot ignores \`${key}\` here; it belongs at ${belongs}` }
        : warning;
    })
    .sort(compareIssuePaths);
}
