import {
  type CallingSettings,
  type ChannelConnectionSettings,
  callingSettingsCreateSchema,
  callingSettingsPatchSchema,
  channelConnectionSettingsCreateSchema,
  channelConnectionSettingsPatchSchema,
} from '@spoke/protocol';
import type { Hono } from 'hono';
import type { ApiContext } from '../api-context.ts';
import { registerSettingsRoutes } from './settings-routes.ts';

const callingPath = '/crm/v3/extensions/calling/:appId/settings';

/** Calling settings and channel-connection settings. docs/protocol.md §4.1. */
export function registerCallingRoutes(api: Hono, ctx: ApiContext): void {
  // The longer path first, so `/settings/channel-connection` is never taken for `/settings`.
  registerSettingsRoutes<ChannelConnectionSettings>(api, ctx, {
    path: `${callingPath}/channel-connection`,
    what: 'channel connection settings',
    collection: (c) => c.store.channelConnectionSettings,
    createSchema: channelConnectionSettingsCreateSchema,
    patchSchema: channelConnectionSettingsPatchSchema,
  });
  registerSettingsRoutes<CallingSettings>(api, ctx, {
    path: callingPath,
    what: 'calling settings',
    collection: (c) => c.store.callingSettings,
    createSchema: callingSettingsCreateSchema,
    patchSchema: callingSettingsPatchSchema,
  });
}
