import { shareViaEventPath, shareViaEvents } from '@spoke/protocol';
import type { AppOptions } from './app-options.ts';
import { defineRoute, type RouteHandler } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import { FetchCall } from './fetch-call.ts';
import { handleCall } from './handle-call.ts';
import type { Awaitable, HandlerContext, ShareViaHandlers } from './handler-types.ts';
import type { IncomingCall } from './incoming-call.ts';
import { resolveConfig } from './resolve-config.ts';
import { toResponse } from './respond.ts';
import {
  actionHookSpec,
  channelConnectionSpec,
  crmCardSpec,
  type ShareViaPayload,
  type ShareViaRequest,
  shareViaHandlerNames,
  shareViaSpec,
} from './route-specs.ts';
import { createRouteTable } from './route-table.ts';
import type { SpokeApp } from './spoke-app.ts';

/**
 * Creates a Spoke service. Every request is signature-checked (v3, or v2/v1 per its headers)
 * before its body is parsed; handlers get typed input and their replies are schema-checked.
 * Bad configuration throws APP_CONFIG_INVALID here, not on the first request.
 * @example
 * const app = createApp({ clientSecret: process.env.HUBSPOT_CLIENT_SECRET ?? '' })
 *   .crmCard('/hubspot/card', async ({ associatedObjectId }) => ({
 *     results: [{ objectId: associatedObjectId, title: 'Order #1001' }],
 *   }));
 * export default { fetch: app.fetch };
 */
export function createApp(options: AppOptions): SpokeApp {
  const config = resolveConfig(options);
  const table = createRouteTable();
  const handle = (call: IncomingCall) => handleCall(config, table, call);
  const app: SpokeApp = {
    fetch: async (request) => toResponse(await handle(new FetchCall(request))),
    handle,
    crmCard(path, handler) {
      table.add(defineRoute(crmCardSpec, path, handler));
      return app;
    },
    actionHook(path, handler, hookOptions = {}) {
      table.add(defineRoute(actionHookSpec, path, handler, hookOptions.methods));
      return app;
    },
    shareVia(basePath, handlers) {
      const base = basePath.replace(/\/+$/, '');
      // One route per event, from the protocol's event list; no per-event code here.
      for (const event of shareViaEvents) {
        const handler = shareViaHandler(handlers, shareViaHandlerNames[event]);
        table.add(defineRoute(shareViaSpec(event), `${base}${shareViaEventPath(event)}`, handler));
      }
      return app;
    },
    channelConnection(path, handler) {
      table.add(defineRoute(channelConnectionSpec, path, handler));
      return app;
    },
    hasRoute: (pathname) => table.has(pathname),
    routes: table.list,
    publicUrl: config.publicUrl,
    bodyLimit: config.bodyLimit,
    logger: config.logger,
  };
  // Not enumerable, so a spread copy of the app (`{ ...app, fetch: wrapped }`) has no `handle`
  // and adapters serve it through its own `fetch`.
  Object.defineProperty(app, 'handle', { enumerable: false });
  return app;
}

type LooseShareViaHandler = (
  input: ShareViaRequest,
  ctx: HandlerContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: SHARE_OBJECT handlers may return nothing
) => Awaitable<ShareViaPayload | Response | undefined | void>;

/**
 * The handler of one event. TypeScript cannot follow, through a loop, that each event's schema
 * output reaches that event's own handler, so the pairing is asserted here, once.
 */
function shareViaHandler(
  handlers: ShareViaHandlers,
  name: keyof ShareViaHandlers,
  // biome-ignore lint/suspicious/noConfusingVoidType: see LooseShareViaHandler
): RouteHandler<ShareViaRequest, ShareViaPayload | undefined | void> {
  const method = handlers?.[name] as LooseShareViaHandler | undefined;
  if (typeof method !== 'function') {
    throw new SpokeFrameworkError(
      'APP_CONFIG_INVALID',
      `app.shareVia needs a ${name} handler (one per Share Via event).`,
    );
  }
  return (input, ctx) => method.call(handlers, input, ctx);
}
