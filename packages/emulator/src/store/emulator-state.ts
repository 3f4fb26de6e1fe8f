import {
  callingSettingsSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
} from '@spoke/protocol';
import { z } from 'zod';
import type { Exchange } from '../dispatch/exchange.ts';
import {
  appSchema,
  connectedNumberSchema,
  crmRecordSchema,
  emulatorSettingsSchema,
  faultSchema,
  portalSchema,
  shareSchema,
  shareSendSchema,
  userSchema,
} from './entities.ts';

/** The fields a logged exchange must have to be imported; the rest is kept as it is. */
export const exchangeDocSchema = z.looseObject({
  id: z.string().min(1),
  kind: z.string().min(1),
  appId: z.number().int(),
  correlationId: z.string(),
  startedAt: z.number(),
  request: z.looseObject({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
  outcome: z.enum(['ok', 'error']),
  verdicts: z.array(z.unknown()),
});

/** Checks a stored or imported exchange; the dispatcher's `Exchange` interface is the contract. */
export function decodeExchange(value: unknown): Exchange {
  // The loose schema checks what the emulator reads; Exchange itself is owned by src/dispatch.
  return exchangeDocSchema.parse(value) as unknown as Exchange;
}

const appIdSchema = z.number().int().positive();

/** The whole emulator state as one JSON document (`GET`/`PUT /_spoke/state`). */
export const emulatorStateSchema = z.object({
  format: z.literal('spoke-emulator-state'),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  settings: emulatorSettingsSchema.nullable(),
  portals: z.array(portalSchema),
  users: z.array(userSchema),
  apps: z.array(appSchema),
  cards: z.array(z.object({ appId: appIdSchema, card: cardDefinitionSchema })),
  callingSettings: z.array(z.object({ appId: appIdSchema, settings: callingSettingsSchema })),
  channelConnectionSettings: z.array(
    z.object({ appId: appIdSchema, settings: channelConnectionSettingsSchema }),
  ),
  records: z.array(crmRecordSchema),
  exchanges: z.array(exchangeDocSchema).transform((list) => list.map(decodeExchange)),
  shares: z.array(shareSchema),
  shareSends: z.array(shareSendSchema),
  connectedNumbers: z.array(connectedNumberSchema),
  faults: z.array(faultSchema),
  sequences: z.record(z.string(), z.number().int()),
});
export type EmulatorState = z.output<typeof emulatorStateSchema>;
