import { z } from 'zod';
import { hookMethodSchema, httpUrlSchema } from './common.ts';

// Converter mode accepts relative URIs (they skip the baseUrls check); docs/protocol.md §2.4.
const uriSchema = z.string().min(1, 'must not be empty');

const actionBase = {
  uri: uriSchema,
  label: z.string().optional(),
  associatedObjectProperties: z.array(z.string()).optional(),
};

/** Opens a modal with `uri` in an iframe. Not signed. @see https://developers.hubspot.com/docs/api/crm/extensions/crm-cards */
export const iframeActionSchema = z.object({
  type: z.literal('IFRAME'),
  ...actionBase,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type IframeAction = z.infer<typeof iframeActionSchema>;

/** A signed server-side request; only a success or error message is shown. */
export const actionHookActionSchema = z.object({
  type: z.literal('ACTION_HOOK'),
  ...actionBase,
  httpMethod: hookMethodSchema.optional(),
});
export type ActionHookAction = z.infer<typeof actionHookActionSchema>;

/** An action hook preceded by a confirm dialog. */
export const confirmationActionHookActionSchema = z.object({
  type: z.literal('CONFIRMATION_ACTION_HOOK'),
  ...actionBase,
  httpMethod: hookMethodSchema.optional(),
  confirmationMessage: z.string(),
  confirmButtonText: z.string().optional(),
  cancelButtonText: z.string().optional(),
});
export type ConfirmationActionHookAction = z.infer<typeof confirmationActionHookActionSchema>;

/** Any action a legacy card response can carry. docs/protocol.md §2.3. */
export const cardActionSchema = z.discriminatedUnion('type', [
  iframeActionSchema,
  actionHookActionSchema,
  confirmationActionHookActionSchema,
]);
export type CardAction = z.infer<typeof cardActionSchema>;
export type CardActionType = CardAction['type'];

// Newer (`sections`) format actions: `url` + `propertyNamesIncluded`; docs/protocol.md §2.3.
const v3ActionBase = {
  url: uriSchema,
  label: z.string().optional(),
  propertyNamesIncluded: z.array(z.string()).optional(),
};

export const v3IframeActionSchema = z.object({
  type: z.literal('IFRAME'),
  ...v3ActionBase,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const v3ActionConfirmationSchema = z.object({
  prompt: z.string().optional(),
  confirmButtonLabel: z.string().optional(),
  cancelButtonLabel: z.string().optional(),
});

export const v3ActionHookActionSchema = z.object({
  type: z.enum(['ACTION_HOOK', 'CONFIRMATION_ACTION_HOOK']),
  ...v3ActionBase,
  httpMethod: hookMethodSchema.optional(),
  confirmation: v3ActionConfirmationSchema.optional(),
});

/** Any action in the newer `sections` format. */
export const v3CardActionSchema = z.discriminatedUnion('type', [
  v3IframeActionSchema,
  v3ActionHookActionSchema,
]);
export type V3CardAction = z.infer<typeof v3CardActionSchema>;

/** True when `uri` is absolute http(s), the only kind the baseUrls rule applies to in converter mode. */
export function isAbsoluteHttpUrl(uri: string): boolean {
  return httpUrlSchema.safeParse(uri).success;
}
