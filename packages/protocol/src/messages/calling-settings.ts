import { z } from 'zod';
import { httpUrlSchema, isoDateTimeSchema } from './common.ts';

const optional = {
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  isReady: z.boolean().optional(),
  supportsCustomObjects: z.boolean().optional(),
  usesRemote: z.boolean().optional(),
  usesCallingWindow: z.boolean().optional(),
  supportsInboundCalling: z.boolean().optional(),
};

/** Calling extension settings; create needs `name` and `url`. docs/protocol.md §4.1. */
export const callingSettingsCreateSchema = z.object({
  name: z.string().min(1),
  url: httpUrlSchema,
  ...optional,
});
export type CallingSettingsCreate = z.infer<typeof callingSettingsCreateSchema>;
export const callingSettingsPatchSchema = callingSettingsCreateSchema.partial();
export type CallingSettingsPatch = z.infer<typeof callingSettingsPatchSchema>;
export const callingSettingsSchema = callingSettingsCreateSchema.extend({
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type CallingSettings = z.infer<typeof callingSettingsSchema>;
