import { converterDefinitionIssues, type SchemaIssue } from '@spoke/protocol';
import type { SpokeConfig } from './config-schema.ts';
import { cardBody } from './plan-push.ts';

/**
 * The cards of a config for an app in converter mode (`"mode": "converter"`) that HubSpot's Legacy
 * CRM Card Converter refuses before it fetches: its record pages show "Configuration Issues
 * Detected" instead. One warning per problem, with the file's path (`cards.0.display.properties`)
 * and the converter's own line. A baseUrl on this machine is left out (the emulator still renders
 * the card). Empty for an app in legacy mode or following the emulator's.
 */
export function converterConfigWarnings(config: SpokeConfig): SchemaIssue[] {
  if (config.mode !== 'converter') return [];
  return (config.cards ?? []).flatMap((card, i) =>
    converterDefinitionIssues(cardBody(card))
      .filter((issue) => !issue.local)
      .map((issue) => ({
        path: `cards.${i}.${issue.path}`,
        message: `the app is in converter mode, and HubSpot's card converter refuses this card: ${issue.message} (it lists "${issue.converterMessage}")`,
      })),
  );
}
