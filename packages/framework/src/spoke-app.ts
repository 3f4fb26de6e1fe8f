import type { HookMethod, PlatformCallKind } from '@spoke/protocol';
import type {
  ActionHookHandler,
  ChannelConnectionHandler,
  CrmCardHandler,
  ShareViaHandlers,
} from './handler-types.ts';
import type { IncomingCall } from './incoming-call.ts';
import type { Logger } from './logger.ts';
import type { CoreResult } from './respond.ts';

/** A registered route, as `app.routes` lists it. */
export interface RouteInfo {
  readonly path: string;
  readonly methods: readonly string[];
  readonly kind: PlatformCallKind;
}

/** Options of `app.actionHook`. */
export interface ActionHookOptions {
  /** Methods the hook answers; others get 405. @default all five: GET POST PUT DELETE PATCH */
  methods?: readonly HookMethod[];
}

/** A Spoke service: register handlers, then serve `fetch` with any adapter. */
export interface SpokeApp {
  /** The whole service as one fetch handler: routing, signatures, parsing, handlers, errors. Bound. */
  readonly fetch: (request: Request) => Promise<Response>;
  /**
   * The same service without a fetch `Request` or `Response`: a plain call in (method, URL parts,
   * headers, body bytes on demand), a plain reply out (`{ status, headers, body }`, or the
   * `Response` a handler returned). Spoke's node, Express and Fastify adapters call it; use it to
   * write an adapter for another server. Bound, and not enumerable: `{ ...app, fetch: wrapped }`
   * has none, so adapters serve it through `wrapped`. docs/decisions/0012
   */
  readonly handle: (call: IncomingCall) => Promise<CoreResult>;
  /** Serves a CRM card data fetch (GET) at `path`. */
  crmCard(path: string, handler: CrmCardHandler): SpokeApp;
  /** Serves an action hook at `path`, fields from query, form or JSON body. */
  actionHook(path: string, handler: ActionHookHandler, options?: ActionHookOptions): SpokeApp;
  /** Mounts `{basePath}/feature/SHARE_VIA/event/{EVENT}` for the four Share Via events. */
  shareVia(basePath: string, handlers: ShareViaHandlers): SpokeApp;
  /** Serves the calling channel-connection webhook (POST) at `path`. */
  channelConnection(path: string, handler: ChannelConnectionHandler): SpokeApp;
  /** True when some route is registered at `pathname` (adapters use it to pass other paths on). */
  hasRoute(pathname: string): boolean;
  /** Every registered route, in registration order. */
  readonly routes: readonly RouteInfo[];
  /** The configured public base URL, if any (the test client signs against it). */
  readonly publicUrl: string | undefined;
  /** The body cap in bytes (adapters that buffer apply the same cap). */
  readonly bodyLimit: number;
  /** The app's logger (adapters report their own problems through it). */
  readonly logger: Logger;
}
