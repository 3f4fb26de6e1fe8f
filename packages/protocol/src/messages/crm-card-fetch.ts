import { z } from 'zod';
import { limits } from '../limits.ts';
import { cardActionSchema, iframeActionSchema, v3CardActionSchema } from './card-action.ts';
import { cardPropertySchema, cardTokenSchema } from './card-property.ts';
import { associatedObjectTypeSchema, exactIdStringSchema } from './common.ts';

/** The five parameters every data fetch and action hook carries. docs/protocol.md §2.2. */
export const defaultParamNames = [
  'userId',
  'userEmail',
  'associatedObjectId',
  'associatedObjectType',
  'portalId',
] as const;

/**
 * The query of a data fetch as it travels: every value a string. Extra keys are
 * the card's `propertiesToSend` the record has a value for (and `appId` from the converter).
 * @see https://developers.hubspot.com/docs/api/crm/extensions/crm-cards
 */
export const cardFetchQuerySchema = z
  .object({
    userId: exactIdStringSchema,
    userEmail: z.string(),
    associatedObjectId: exactIdStringSchema,
    associatedObjectType: associatedObjectTypeSchema,
    portalId: exactIdStringSchema,
    appId: exactIdStringSchema.optional(),
  })
  // `.optional()` only so the declared index type admits the optional `appId` in a consumer's
  // tsc without exactOptionalPropertyTypes; a parsed query string never holds undefined.
  .catchall(z.string().optional());
export type CardFetchQuery = z.infer<typeof cardFetchQuerySchema>;

// The keys of a data-fetch query that are not record properties.
const namedParams: ReadonlySet<string> = new Set([...defaultParamNames, 'appId']);

/** A data fetch, typed: ids as numbers and the record's properties as a record. */
export const cardFetchRequestSchema = cardFetchQuerySchema.transform((query) => {
  const properties: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    if (!namedParams.has(key)) properties[key] = String(query[key]);
  }
  return {
    userId: Number(query.userId),
    userEmail: query.userEmail,
    associatedObjectId: Number(query.associatedObjectId),
    associatedObjectType: query.associatedObjectType,
    portalId: Number(query.portalId),
    ...(query.appId === undefined ? {} : { appId: Number(query.appId) }),
    properties,
  };
});
export type CardFetchRequest = z.output<typeof cardFetchRequestSchema>;

/** One item of a legacy card: display-property values ride as extra top-level keys. */
export const cardResultSchema = z.looseObject({
  objectId: z.number().int(),
  title: z.string(),
  link: z.string().nullable().optional(),
  properties: z.array(cardPropertySchema).optional(),
  actions: z.array(cardActionSchema).optional(),
});
export type CardResult = z.infer<typeof cardResultSchema>;

/** Legacy data-fetch response (`results`); the framework produces this one. docs/protocol.md §2.3. */
export const legacyCardResponseSchema = z.object({
  results: z
    .array(cardResultSchema)
    .max(limits.maxCardResults, `must have at most ${limits.maxCardResults} items`),
  totalCount: z.number().int().nonnegative().optional(),
  allItemsLink: z.string().optional(),
  allItemsLinkUrl: z.string().optional(),
  itemLabel: z.string().optional(),
  cardLabel: z.string().optional(),
  settingsAction: iframeActionSchema.optional(),
  primaryAction: cardActionSchema.optional(),
  secondaryActions: z.array(cardActionSchema).optional(),
});
export type LegacyCardResponse = z.infer<typeof legacyCardResponseSchema>;

/** Newer data-fetch response, told apart by `sections`. docs/protocol.md §2.3. */
export const sectionsCardResponseSchema = z.object({
  responseVersion: z.literal('v3').optional(),
  totalCount: z.number().int().nonnegative().optional(),
  allItemsLinkUrl: z.string().optional(),
  cardLabel: z.string().optional(),
  sections: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]),
        title: z.string(),
        linkUrl: z.string().nullable().optional(),
        tokens: z.array(cardTokenSchema).optional(),
        actions: z.array(v3CardActionSchema).optional(),
      }),
    )
    .max(limits.maxCardResults, `must have at most ${limits.maxCardResults} items`),
  topLevelActions: z
    .object({
      primary: v3CardActionSchema.optional(),
      secondary: z.array(v3CardActionSchema).optional(),
      settings: v3CardActionSchema.optional(),
    })
    .optional(),
});
export type SectionsCardResponse = z.infer<typeof sectionsCardResponseSchema>;

/** Either response format. Use `parseCardResponse` to get errors from the right branch. */
export const cardResponseSchema = z.union([legacyCardResponseSchema, sectionsCardResponseSchema]);
export type CardResponse = z.infer<typeof cardResponseSchema>;

/** Parses a data-fetch reply with the schema its shape calls for, so errors name the right fields. */
export function parseCardResponse(value: unknown) {
  const isSections = typeof value === 'object' && value !== null && 'sections' in value;
  return isSections
    ? { format: 'sections' as const, result: sectionsCardResponseSchema.safeParse(value) }
    : { format: 'legacy' as const, result: legacyCardResponseSchema.safeParse(value) };
}
