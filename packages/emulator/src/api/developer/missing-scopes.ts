import type { CardDefinitionCreate } from '@spoke/protocol';

/** Scopes a card for an object type needs: read and write. docs/protocol.md §2.1. */
export function scopesFor(objectType: string): string[] {
  return [`crm.objects.${objectType}.read`, `crm.objects.${objectType}.write`];
}

/** The `fetch.objectTypes` entries whose scopes the app lacks, with the missing scopes. */
export function missingScopes(
  fetch: CardDefinitionCreate['fetch'],
  scopes: readonly string[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  fetch.objectTypes.forEach((objectType, index) => {
    const missing = scopesFor(objectType.name).filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      issues.push({
        path: ['fetch', 'objectTypes', index, 'name'],
        message: `a card for ${objectType.name} needs the app's scopes ${missing.join(', ')}`,
      });
    }
  });
  return issues;
}
