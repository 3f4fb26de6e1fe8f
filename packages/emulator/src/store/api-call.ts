import { z } from 'zod';
import type { Exchange } from '../dispatch/exchange.ts';

/**
 * One call an app made to HubSpot's side (the emulator): the OAuth token endpoint, token metadata,
 * the CRM API, the developer API. The request log keeps these beside the exchanges (the platform's
 * calls to the app), on one timeline, with `direction: 'inbound'`. Secrets are stored redacted:
 * client secrets, codes, tokens and API keys keep their first characters and end in `…`.
 */
export const apiCallSchema = z.object({
  id: z.string().min(1),
  direction: z.literal('inbound'),
  /** What was called: `oauth.token`, `oauth.access-tokens`, `oauth.refresh-tokens`, `crm.objects`, `crm.extensions`… */
  kind: z.string().min(1),
  /** The app the credential belongs to (token, client_id, developer API key); null when none is known. */
  appId: z.number().int().positive().nullable(),
  /** The portal of an OAuth token; null for calls that have none. */
  portalId: z.number().int().positive().nullable(),
  /** Epoch ms (the emulator's clock) at which the request arrived. */
  startedAt: z.number(),
  request: z.object({
    method: z.string(),
    /** Path and query, secrets redacted. */
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    truncated: z.boolean(),
  }),
  reply: z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    truncated: z.boolean(),
  }),
  timing: z.object({ totalMs: z.number() }),
  outcome: z.enum(['ok', 'error']),
  /** A reply outside 200–299: Spoke's code, the message and the correlationId the body carried. */
  error: z
    .object({ code: z.string().nullable(), message: z.string(), correlationId: z.string().nullable() })
    .nullable(),
});
export type ApiCall = z.infer<typeof apiCallSchema>;

/** An entry of the request log: the platform's call to the app (outbound) or the app's call in (inbound). */
export type LoggedRequest = Exchange | ApiCall;

/** True for an app's call to HubSpot's side. */
export function isApiCall(entry: LoggedRequest): entry is ApiCall {
  return entry.direction === 'inbound';
}
