import {
  type ActionHookReply,
  type ActionHookRequest,
  actionHookReplySchema,
  actionHookRequestSchema,
  type CardFetchRequest,
  type ChannelConnectionRequest,
  type ChannelConnectionResponse,
  cardFetchRequestSchema,
  channelConnectionRequestSchema,
  channelConnectionResponseSchema,
  compileSerializer,
  isSurelyValidLegacyCardResponse,
  type LegacyCardResponse,
  legacyCardResponseSchema,
  messageDescriptors,
  type PlatformCallKind,
  quickParseCardFetchRequest,
  type ShareViaEvent,
  serializeLegacyCardResponse,
  shareViaSchemas,
} from '@spoke/protocol';
import type { RouteSpec, Schema } from './define-route.ts';
import type { ShareViaHandlers } from './handler-types.ts';

type PlatformCall = Extract<(typeof messageDescriptors)[number], { direction: 'platform-to-service' }>;
type SpecBase = Pick<RouteSpec<unknown, unknown>, 'kind' | 'methods' | 'deadlineMs'>;

const platformCalls: readonly PlatformCall[] = messageDescriptors.flatMap((descriptor) =>
  descriptor.direction === 'platform-to-service' ? [descriptor] : [],
);

// Kind, methods and deadline come from the protocol's descriptors: the one declaration of each kind.
function fromDescriptor(descriptor: PlatformCall | undefined): SpecBase {
  if (descriptor === undefined) throw new Error('[spoke] @spoke/protocol lacks a platform-call descriptor');
  return { kind: descriptor.kind, methods: descriptor.methods, deadlineMs: descriptor.deadline.totalMs };
}
const byKind = (kind: PlatformCallKind) => fromDescriptor(platformCalls.find((d) => d.kind === kind));

/**
 * `schema` with the parser compiled from it tried first: it gives the schema's own output, or
 * `undefined` for input the schema refuses, so only invalid input pays for zod (and its issues).
 */
function withQuickParse<T>(schema: Schema<T>, quick: (raw: unknown) => T | undefined): Schema<T> {
  return {
    safeParse(raw) {
      const data = quick(raw);
      return data === undefined ? schema.safeParse(raw) : { success: true, data };
    },
  };
}

type SerializerSchema = Parameters<typeof compileSerializer>[0];
type ReplySerializer = (reply: unknown) => string | undefined;
const serializers = new WeakMap<SerializerSchema, ReplySerializer>();

/**
 * The reply serializer compiled from `schema` on first use (`compileSerializer`), one per schema
 * whatever the number of apps: a valid plain reply is written and checked in one pass; `undefined`
 * sends it to the read-back and the schema.
 */
function serializerOf(schema: SerializerSchema): ReplySerializer {
  let serializer = serializers.get(schema);
  if (serializer === undefined) {
    let serialize: ReplySerializer | undefined;
    serializer = (reply) => {
      serialize ??= compileSerializer(schema);
      return serialize(reply);
    };
    serializers.set(schema, serializer);
  }
  return serializer;
}

/** A CRM card data fetch: the query, typed; the legacy response. docs/protocol.md §2.2–2.3. */
export const crmCardSpec: RouteSpec<CardFetchRequest, LegacyCardResponse> = {
  ...byKind('crm-card.fetch'),
  input: 'query',
  request: withQuickParse(cardFetchRequestSchema, quickParseCardFetchRequest),
  reply: legacyCardResponseSchema,
  replyIsSurelyValid: isSurelyValidLegacyCardResponse,
  serializeReply: serializeLegacyCardResponse,
};

/** An action hook: fields from query + body; `{ message? }`, `{}` when the handler returns nothing. docs/protocol.md §2.4. */
// biome-ignore lint/suspicious/noConfusingVoidType: matches ActionHookHandler, whose handlers may return nothing
export const actionHookSpec: RouteSpec<ActionHookRequest, ActionHookReply | undefined | void> = {
  ...byKind('crm-card.action-hook'),
  input: 'fields',
  request: actionHookRequestSchema,
  reply: actionHookReplySchema,
  serializeReply: serializerOf(actionHookReplySchema),
  wrap: (output) => output ?? {},
};

/** The calling channel-connection webhook. docs/protocol.md §4.2. */
export const channelConnectionSpec: RouteSpec<ChannelConnectionRequest, ChannelConnectionResponse> = {
  ...byKind('calling.channel-connection'),
  input: 'json',
  request: channelConnectionRequestSchema,
  reply: channelConnectionResponseSchema,
  serializeReply: serializerOf(channelConnectionResponseSchema),
};

type OutputOf<S> = S extends Schema<infer T> ? T : never;
type ShareViaSchemas = (typeof shareViaSchemas)[ShareViaEvent];
/** Any Share Via request, as the schemas output it. */
export type ShareViaRequest = OutputOf<ShareViaSchemas['request']>;
/** Any Share Via reply payload. */
export type ShareViaPayload = OutputOf<ShareViaSchemas['response']>['payload'];

/** The handler method that serves each Share Via event. */
export const shareViaHandlerNames = {
  CHECK_PERMISSIONS: 'checkPermissions',
  FETCH_RECIPIENTS: 'fetchRecipients',
  FETCH_RECIPIENT: 'fetchRecipient',
  SHARE_OBJECT: 'shareObject',
} as const satisfies Record<ShareViaEvent, keyof ShareViaHandlers>;

/**
 * A Share Via event: the handler answers the payload only; the envelope echoes `portalId` and
 * `appId` and names the event (current shape, whichever shape the request had). docs/protocol.md §3.
 */
export function shareViaSpec(
  event: ShareViaEvent,
  // biome-ignore lint/suspicious/noConfusingVoidType: SHARE_OBJECT handlers may return nothing
): RouteSpec<ShareViaRequest, ShareViaPayload | undefined | void> {
  const schemas = shareViaSchemas[event];
  return {
    ...fromDescriptor(platformCalls.find((d) => 'event' in d && d.event === event)),
    input: 'json',
    request: schemas.request,
    reply: schemas.response,
    serializeReply: serializerOf(schemas.response),
    wrap: (payload, input) => ({
      portalId: input.portalId,
      appId: input.appId,
      eventType: event,
      payload: payload ?? {},
    }),
  };
}
