import {
  cardDefinitionWarnings,
  compareIssuePaths,
  ignoredFieldWarnings,
  type SchemaIssue,
} from '@spoke/protocol';
import { configCardSchema, spokeConfigSchema } from './config-schema.ts';

/**
 * Fields of a config file that `spoke push` cannot send because HubSpot ignores them (and the
 * config schema drops them): a card's `targetUrl` at the top instead of under `fetch`, `baseUrls`
 * outside `actions`, a misspelled settings key. The file is still valid; each is a warning.
 * Paths are the file's (`cards.0.targetUrl`).
 */
export function configWarnings(raw: unknown): SchemaIssue[] {
  const cards = (raw as { cards?: unknown } | null)?.cards;
  const fromCards = Array.isArray(cards)
    ? cards.flatMap((card, i) =>
        cardDefinitionWarnings(card, { schema: configCardSchema }).map((warning) => ({
          path: `cards.${i}.${warning.path}`,
          message: warning.message,
        })),
      )
    : [];
  const rest = ignoredFieldWarnings(spokeConfigSchema, raw).filter(
    (warning) => !warning.path.startsWith('cards.'),
  );
  return [...fromCards, ...rest].sort(compareIssuePaths);
}
