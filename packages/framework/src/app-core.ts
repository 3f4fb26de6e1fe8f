import type { BodyLimits, IncomingCall } from './incoming-call.ts';
import type { CoreResult } from './respond.ts';

/** The core entry of an app: a plain call in, a plain reply (or a handler's `Response`) out. */
export type CallHandler = (call: IncomingCall) => Promise<CoreResult>;

/** What an app built by `createApp` carries for the adapters besides its public fields. */
export interface AppCore extends BodyLimits {
  readonly handle: CallHandler;
}

// A symbol, not a public field: the plain entry is for Spoke's own adapters, not part of the API.
const appCore: unique symbol = Symbol('spoke.appCore');

/** Attaches the core to an app object (non-enumerable). */
export function attachCore<T extends object>(app: T, core: AppCore): T {
  Object.defineProperty(app, appCore, { value: core, enumerable: false });
  return app;
}

/**
 * The core of an app built by `createApp`, or undefined for any other object with a `fetch`
 * (adapters then go through `fetch` with a `Request`).
 */
export function coreOf(app: object): AppCore | undefined {
  return (app as { [appCore]?: AppCore })[appCore];
}
