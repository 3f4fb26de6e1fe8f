import type { z } from 'zod';
import { limits } from '../limits.ts';
import { actionHookReplySchema, actionHookRequestSchema } from './action-hook.ts';
import {
  callingSettingsCreateSchema,
  callingSettingsPatchSchema,
  callingSettingsSchema,
} from './calling-settings.ts';
import {
  cardDefinitionCreateSchema,
  cardDefinitionListSchema,
  cardDefinitionPatchSchema,
  cardDefinitionSchema,
} from './card-definition.ts';
import {
  channelConnectionRequestSchema,
  channelConnectionResponseSchema,
  channelConnectionSettingsCreateSchema,
  channelConnectionSettingsPatchSchema,
  channelConnectionSettingsSchema,
} from './channel-connection.ts';
import { hookMethodSchema } from './common.ts';
import { cardFetchQuerySchema, cardResponseSchema } from './crm-card-fetch.ts';
import { hubspotErrorSchema } from './hubspot-error.ts';
import { type ShareViaEvent, shareViaEventPath, shareViaSchemas } from './share-via.ts';

const deadline = { connectMs: limits.connectDeadlineMs, totalMs: limits.totalDeadlineMs } as const;

/** A call the platform makes to a service: signed v2 + v3, under the 3 s / 5 s budget. */
export interface PlatformCallDescriptor {
  readonly kind: string;
  readonly direction: 'platform-to-service';
  readonly methods: readonly string[];
  /** `{targetUrl}` etc. name the configured URL the path hangs off. */
  readonly path: string;
  readonly signatureVersions: readonly ('v2' | 'v3')[];
  readonly deadline: { readonly connectMs: number; readonly totalMs: number };
  readonly request: z.ZodType;
  readonly response: z.ZodType;
  readonly event?: ShareViaEvent;
}

/** An endpoint of the platform's developer API. */
export interface DeveloperApiDescriptor {
  readonly kind: string;
  readonly direction: 'developer-api';
  readonly methods: readonly string[];
  readonly path: string;
  readonly deadline: null;
  readonly request: z.ZodType | null;
  readonly response: z.ZodType | null;
}

export type MessageDescriptor = PlatformCallDescriptor | DeveloperApiDescriptor;

const signed = ['v2', 'v3'] as const;

function shareVia(event: ShareViaEvent, kind: string): PlatformCallDescriptor {
  return {
    kind,
    direction: 'platform-to-service',
    methods: ['POST'],
    path: `{shareViaBase}${shareViaEventPath(event)}`,
    signatureVersions: signed,
    deadline,
    request: shareViaSchemas[event].request,
    response: shareViaSchemas[event].response,
    event,
  };
}

function devApi(
  kind: string,
  methods: readonly string[],
  path: string,
  request: z.ZodType | null,
  response: z.ZodType | null,
): DeveloperApiDescriptor {
  return { kind, direction: 'developer-api', methods, path, deadline: null, request, response };
}

const cardsPath = '/crm/v3/extensions/cards-dev/{appId}';
const callingPath = '/crm/v3/extensions/calling/{appId}/settings';

/** Every message kind, declared once. Routers, dispatchers and schema exports loop over this. */
export const messageDescriptors = [
  {
    kind: 'crm-card.fetch',
    direction: 'platform-to-service',
    methods: ['GET'],
    path: '{targetUrl}',
    signatureVersions: signed,
    deadline,
    request: cardFetchQuerySchema,
    response: cardResponseSchema,
  },
  {
    kind: 'crm-card.action-hook',
    direction: 'platform-to-service',
    methods: hookMethodSchema.options,
    path: '{actionUri}',
    signatureVersions: signed,
    deadline,
    request: actionHookRequestSchema,
    response: actionHookReplySchema,
  },
  shareVia('CHECK_PERMISSIONS', 'share-via.check-permissions'),
  shareVia('FETCH_RECIPIENTS', 'share-via.fetch-recipients'),
  shareVia('FETCH_RECIPIENT', 'share-via.fetch-recipient'),
  shareVia('SHARE_OBJECT', 'share-via.share-object'),
  {
    kind: 'calling.channel-connection',
    direction: 'platform-to-service',
    methods: ['POST'],
    path: '{channelConnectionUrl}',
    signatureVersions: signed,
    deadline,
    request: channelConnectionRequestSchema,
    response: channelConnectionResponseSchema,
  },
  devApi('card-definition.create', ['POST'], cardsPath, cardDefinitionCreateSchema, cardDefinitionSchema),
  devApi('card-definition.list', ['GET'], cardsPath, null, cardDefinitionListSchema),
  devApi('card-definition.get', ['GET'], `${cardsPath}/{cardId}`, null, cardDefinitionSchema),
  devApi(
    'card-definition.update',
    ['PATCH'],
    `${cardsPath}/{cardId}`,
    cardDefinitionPatchSchema,
    cardDefinitionSchema,
  ),
  devApi('card-definition.delete', ['DELETE'], `${cardsPath}/{cardId}`, null, null),
  devApi(
    'calling-settings.create',
    ['POST'],
    callingPath,
    callingSettingsCreateSchema,
    callingSettingsSchema,
  ),
  devApi('calling-settings.get', ['GET'], callingPath, null, callingSettingsSchema),
  devApi(
    'calling-settings.update',
    ['PATCH'],
    callingPath,
    callingSettingsPatchSchema,
    callingSettingsSchema,
  ),
  devApi('calling-settings.delete', ['DELETE'], callingPath, null, null),
  devApi(
    'channel-connection-settings.create',
    ['POST'],
    `${callingPath}/channel-connection`,
    channelConnectionSettingsCreateSchema,
    channelConnectionSettingsSchema,
  ),
  devApi(
    'channel-connection-settings.get',
    ['GET'],
    `${callingPath}/channel-connection`,
    null,
    channelConnectionSettingsSchema,
  ),
  devApi(
    'channel-connection-settings.update',
    ['PATCH'],
    `${callingPath}/channel-connection`,
    channelConnectionSettingsPatchSchema,
    channelConnectionSettingsSchema,
  ),
  devApi('channel-connection-settings.delete', ['DELETE'], `${callingPath}/channel-connection`, null, null),
  devApi('hubspot-error', ['*'], '*', null, hubspotErrorSchema),
] as const satisfies readonly MessageDescriptor[];

export type MessageKind = (typeof messageDescriptors)[number]['kind'];
export type PlatformCallKind = Extract<
  (typeof messageDescriptors)[number],
  { direction: 'platform-to-service' }
>['kind'];

/** The descriptor of a kind; throws MESSAGE_KIND_UNKNOWN for a name that is not declared. */
export function descriptorFor(kind: string): MessageDescriptor | undefined {
  return messageDescriptors.find((d) => d.kind === kind);
}
