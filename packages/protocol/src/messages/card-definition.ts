import { z } from 'zod';
import {
  dataTypeSchema,
  httpUrlSchema,
  isoDateTimeSchema,
  objectTypeNameSchema,
  statusTypeSchema,
} from './common.ts';

/** One choice of a STATUS display property: the value's `name`, its label and colour. */
export const displayOptionSchema = z.object({ name: z.string(), label: z.string(), type: statusTypeSchema });
export type DisplayOption = z.infer<typeof displayOptionSchema>;

/**
 * A property the card displays, declared on the definition. `options` may be left out and reads
 * `[]`: HubSpot's developer API returns it on every property (`[]` but for STATUS), and the card
 * converter refuses a definition whose properties lack it. docs/protocol.md §2.1.
 */
export const displayPropertySchema = z.object({
  name: z.string().min(1),
  label: z.string(),
  dataType: dataTypeSchema,
  options: z.array(displayOptionSchema).default([]),
});
export type DisplayProperty = z.infer<typeof displayPropertySchema>;

export const cardFetchConfigSchema = z.object({
  targetUrl: httpUrlSchema,
  objectTypes: z
    .array(z.object({ name: objectTypeNameSchema, propertiesToSend: z.array(z.string()) }))
    .min(1, 'must list at least one object type'),
});

/**
 * Body of `POST /crm/v3/extensions/cards-dev/{appId}`.
 * @see https://developers.hubspot.com/docs/api/crm/extensions/crm-cards
 */
export const cardDefinitionCreateSchema = z.object({
  title: z.string().min(1, 'must not be empty'),
  fetch: cardFetchConfigSchema,
  display: z.object({ properties: z.array(displayPropertySchema) }),
  actions: z.object({ baseUrls: z.array(httpUrlSchema) }),
});
export type CardDefinitionCreate = z.infer<typeof cardDefinitionCreateSchema>;

/** PATCH takes any subset of the top-level fields. */
export const cardDefinitionPatchSchema = cardDefinitionCreateSchema.partial();
export type CardDefinitionPatch = z.infer<typeof cardDefinitionPatchSchema>;

export const auditHistoryEntrySchema = z.object({
  actionType: z.enum(['CREATE', 'UPDATE', 'DELETE']),
  authSource: z.string(),
  changedAt: z.number().int(),
  applicationId: z.number().int(),
  initiatingUserId: z.number().int().optional(),
});
export type AuditHistoryEntry = z.infer<typeof auditHistoryEntrySchema>;

/** A card definition as the developer API returns it. */
export const cardDefinitionSchema = cardDefinitionCreateSchema.extend({
  id: z.string(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  auditHistory: z.array(auditHistoryEntrySchema),
});
export type CardDefinition = z.infer<typeof cardDefinitionSchema>;

export const cardDefinitionListSchema = z.object({ results: z.array(cardDefinitionSchema) });
export type CardDefinitionList = z.infer<typeof cardDefinitionListSchema>;
