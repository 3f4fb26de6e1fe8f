// --- the app ---

export type { AppOptions, CommonAppOptions, ErrorHandler, ErrorInfo } from './app-options.ts';
export { createApp } from './create-app.ts';
export type { ActionHookOptions, RouteInfo, SpokeApp } from './spoke-app.ts';

// --- writing an adapter: app.handle's plain call and reply ---

export type { BodyLimits, CallUrl, IncomingCall } from './incoming-call.ts';
export type { CoreResult, PlainReply } from './respond.ts';

// --- handlers ---

export type {
  ActionHookHandler,
  Awaitable,
  ChannelConnectionHandler,
  CrmCardHandler,
  HandlerContext,
  ShareViaHandlers,
} from './handler-types.ts';

// --- building replies ---

export { action } from './action.ts';
export { type PropertyOf, property } from './property.ts';

// --- errors ---

export { errorDocUrl, type FrameworkErrorCode, frameworkErrorCodes, SpokeFrameworkError } from './errors.ts';
export type { ErrorBody } from './respond.ts';

// --- injected world ---

export { type Clock, systemClock } from './clock.ts';
export { createConsoleLogger, type Logger } from './logger.ts';
