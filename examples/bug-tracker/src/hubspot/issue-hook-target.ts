import type { ActionHookHandler } from '@spoke/framework';

type HookInput = Parameters<ActionHookHandler>[0];

/**
 * The issue id an action hook is about: the `issueId` the card put in the hook's URI, which
 * arrives among the fields next to the record's properties. Null when absent or not a number.
 */
export function issueIdOf(input: HookInput): number | null {
  const raw = input.properties.issueId;
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
