import { z } from 'zod';
import { cardFetchRequestSchema } from './crm-card-fetch.ts';

/**
 * Fields of an action hook: the five default parameters, the action's
 * `associatedObjectProperties` values and, from the converter, `appId`. They travel as a
 * query (GET/DELETE, and always in converter mode), a form body (legacy POST/PUT/PATCH) or a
 * JSON body (converter POST/PUT/PATCH); docs/protocol.md §2.4. Typed the same way as a data fetch.
 */
export const actionHookRequestSchema = cardFetchRequestSchema;
export type ActionHookRequest = z.output<typeof actionHookRequestSchema>;

/** An action hook's reply: `message` is shown to the user as a toast. */
export const actionHookReplySchema = z.looseObject({ message: z.string().optional() });
export type ActionHookReply = z.infer<typeof actionHookReplySchema>;

/** How the action-hook fields are encoded. `legacy` = CRM cards, `converter` = Legacy CRM Card Converter. */
export const platformModeSchema = z.enum(['legacy', 'converter']);
export type PlatformMode = z.infer<typeof platformModeSchema>;
