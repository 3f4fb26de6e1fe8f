import { z } from 'zod';
import { httpUrlSchema, isoDateTimeSchema } from './common.ts';

/** What the platform POSTs to the channel-connection URL. docs/protocol.md §4.2. */
export const channelConnectionRequestSchema = z.object({
  appId: z.number().int(),
  portalId: z.number().int(),
  userId: z.number().int(),
});
export type ChannelConnectionRequest = z.infer<typeof channelConnectionRequestSchema>;

/** One number the help-desk picker offers; with an `extension` it is shown but not selectable. */
export const phoneNumberSchema = z.object({
  e164PhoneNumber: z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number such as +18001231234'),
  extension: z.string().optional(),
  friendlyName: z.string(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const channelConnectionResponseSchema = z.object({ phoneNumbers: z.array(phoneNumberSchema) });
export type ChannelConnectionResponse = z.infer<typeof channelConnectionResponseSchema>;

/** Create body of the channel-connection settings; both fields required. docs/protocol.md §4.1. */
export const channelConnectionSettingsCreateSchema = z.object({ url: httpUrlSchema, isReady: z.boolean() });
export type ChannelConnectionSettingsCreate = z.infer<typeof channelConnectionSettingsCreateSchema>;
export const channelConnectionSettingsPatchSchema = channelConnectionSettingsCreateSchema.partial();
export type ChannelConnectionSettingsPatch = z.infer<typeof channelConnectionSettingsPatchSchema>;
export const channelConnectionSettingsSchema = channelConnectionSettingsCreateSchema.extend({
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type ChannelConnectionSettings = z.infer<typeof channelConnectionSettingsSchema>;
