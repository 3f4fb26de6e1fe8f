import type { Store } from '../store/store.ts';
import type { ApiCallLog } from './api-call-log.ts';
import type { EventHub } from './control/event-hub.ts';
import type { Platform } from './control/platform.ts';
import type { EmulatorLogger } from './emulator-logger.ts';

/** What every route needs, injected once by `createEmulator`. */
export interface ApiContext {
  store: Store;
  /** Epoch milliseconds. */
  now(): number;
  randomUUID(): string;
  logger: EmulatorLogger;
  events: EventHub;
  /** The platform side: sends signed calls through src/dispatch and logs them. */
  platform: Platform;
  /** The apps' calls to HubSpot's side (OAuth, CRM, developer API), logged beside the exchanges. */
  apiCalls?: ApiCallLog;
}

/** `now()` as the ISO-8601 string the developer API returns. */
export function isoNow(ctx: Pick<ApiContext, 'now'>): string {
  return new Date(ctx.now()).toISOString();
}
