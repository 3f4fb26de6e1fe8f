import {
  type PlatformCallKind,
  type ShareViaEvent,
  shareViaEventPath,
  shareViaSchemas,
} from '@spoke/protocol';
import type { z } from 'zod';
import type { DispatchApp, DispatchOptions } from './dispatch-options.ts';
import type { Exchange } from './exchange.ts';
import type { DispatchPortal } from './record-fields.ts';
import { sendExchange } from './send-exchange.ts';
import { checkReplySchema, failExchange, markReplyValid, readJsonReply } from './verdicts.ts';

/** The `payload` the platform sends with an event. */
export type ShareViaPayload<E extends ShareViaEvent> = z.output<
  (typeof shareViaSchemas)[E]['request']
>['payload'];
/** A service's validated reply to an event. */
export type ShareViaReply<E extends ShareViaEvent> = z.output<(typeof shareViaSchemas)[E]['response']>;
/** Which CHECK_PERMISSIONS request shape to send; docs/protocol.md §3 Decision (doc drift). */
export type ShareViaShape = 'current' | 'older';

/** The descriptor kind of each event. */
export const shareViaKinds = {
  CHECK_PERMISSIONS: 'share-via.check-permissions',
  FETCH_RECIPIENTS: 'share-via.fetch-recipients',
  FETCH_RECIPIENT: 'share-via.fetch-recipient',
  SHARE_OBJECT: 'share-via.share-object',
} as const satisfies Record<ShareViaEvent, PlatformCallKind>;

/** Options of {@link dispatchShareViaEvent}. */
export interface DispatchShareViaEventOptions<E extends ShareViaEvent> extends DispatchOptions {
  event: E;
  /** The app's Share Via target base URL. */
  targetBase: string;
  app: DispatchApp;
  portal: DispatchPortal;
  payload: ShareViaPayload<E>;
  /**
   * `older` puts CHECK_PERMISSIONS' `requiredPermissions` at the top level, with no `payload`.
   * @default 'current'
   */
  shape?: ShareViaShape;
  /** Extra context kept on the exchange (share id…). */
  context?: Exchange['context'];
}

export interface ShareViaEventResult<E extends ShareViaEvent> {
  exchange: Exchange;
  /** The validated reply, or null when the platform would show a failure. */
  reply: ShareViaReply<E> | null;
}

/** `{base}/feature/SHARE_VIA/event/{EVENT}`, without doubling a trailing slash. */
export function shareViaEventUrl(targetBase: string, event: ShareViaEvent): string {
  // A loop, not /\/+$/: that regex is quadratic on a long run of slashes (11 s on 150 KB). Linear here.
  let end = targetBase.length;
  while (end > 0 && targetBase.charCodeAt(end - 1) === 47) end--;
  return targetBase.slice(0, end) + shareViaEventPath(event);
}

/** The JSON body of an event: `{portalId, appId, payload}`, or the older CHECK_PERMISSIONS shape. */
export function shareViaEventBody<E extends ShareViaEvent>(
  options: Pick<DispatchShareViaEventOptions<E>, 'event' | 'app' | 'portal' | 'payload' | 'shape'>,
): string {
  const envelope = { portalId: options.portal.id, appId: options.app.id };
  if (options.event === 'CHECK_PERMISSIONS' && options.shape === 'older') {
    return JSON.stringify({ ...envelope, ...options.payload });
  }
  return JSON.stringify({ ...envelope, payload: options.payload });
}

/** Validates a reply: JSON, the event's response schema, and the echoed `portalId` and `appId`. */
export function judgeShareViaReply<E extends ShareViaEvent>(
  exchange: Exchange,
  options: { event: E; app: { id: number }; portal: { id: number } },
): ShareViaReply<E> | null {
  const json = readJsonReply(exchange);
  if (!json.ok) return null;
  // Indexing the table by a generic event loses the link to E; the table pairs them. docs/protocol.md §3.
  const schema = shareViaSchemas[options.event].response as unknown as z.ZodType<ShareViaReply<E>>;
  const reply = checkReplySchema(exchange, schema, json.value);
  if (!reply) return null;
  const echoed = reply as { portalId: number; appId: number };
  for (const [field, expected] of [
    ['portalId', options.portal.id],
    ['appId', options.app.id],
  ] as const) {
    if (echoed[field] === expected) continue;
    if (echoed[field] === 0) {
      // HubSpot's own FETCH_RECIPIENT example reply echoes 0 for both; a service copied from it
      // works on HubSpot, so this is a warning, not a failure. docs/protocol.md §3.
      exchange.verdicts.push({
        code: 'DISPATCH_REPLY_INVALID',
        severity: 'warning',
        message: `the reply echoes ${field} 0, as HubSpot's example reply does, but the request was for ${expected}; echo the request's ${field}.`,
        path: field,
      });
      continue;
    }
    const message = `the reply echoes ${field} ${echoed[field]}, but the request was for ${expected}; echo the request's ${field}.`;
    exchange.schemaIssues.push({ path: field, message });
    failExchange(exchange, 'DISPATCH_REPLY_INVALID', message, field);
  }
  if (exchange.outcome !== 'ok') return null;
  markReplyValid(exchange, options.event);
  return reply;
}

/**
 * Sends one Share Via event as the platform does: a signed JSON POST to
 * `{base}/feature/SHARE_VIA/event/{EVENT}`, its reply validated against the protocol schema.
 */
export async function dispatchShareViaEvent<E extends ShareViaEvent>(
  options: DispatchShareViaEventOptions<E>,
): Promise<ShareViaEventResult<E>> {
  const { event, app, portal } = options;
  const shape = options.shape ?? 'current';
  const exchange = await sendExchange({
    ...options,
    kind: shareViaKinds[event],
    appId: app.id,
    secret: app.clientSecret,
    publicUrl: app.publicUrl,
    method: 'POST',
    url: shareViaEventUrl(options.targetBase, event),
    body: shareViaEventBody({ ...options, shape }),
    contentType: 'application/json',
    context: { event, portalId: portal.id, shape, ...options.context },
  });
  return { exchange, reply: judgeShareViaReply(exchange, { event, app, portal }) };
}
