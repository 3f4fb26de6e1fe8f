import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { RouteInfo } from './spoke-app.ts';

/** What `onError` learns about a failed handler besides the error itself. */
export interface ErrorInfo {
  readonly request: Request;
  readonly route: RouteInfo;
}

/** Receives every exception a handler throws (the client gets a 500 HANDLER_FAILED). */
export type ErrorHandler = (error: unknown, info: ErrorInfo) => void | Promise<void>;

/** Options shared by both ways of giving the secret. Each accepts `undefined` (an unset env var) as "use the default". */
export interface CommonAppOptions {
  /**
   * The public base URL HubSpot calls (tunnel or proxy origin, optionally with a path prefix);
   * signatures are checked against it plus the request's path and query.
   * @default the URL the request arrived on
   */
  publicUrl?: string | undefined;
  /** Take scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind a proxy you control). @default false */
  trustProxy?: boolean | undefined;
  /** Accept v3 signatures only. @default false */
  strict?: boolean | undefined;
  /** Largest request body accepted, in bytes. @default limits.defaultBodyLimitBytes (1 MiB) */
  bodyLimit?: number | undefined;
  /**
   * Milliseconds allowed to receive the whole request body. A client still trickling bytes after
   * that (slowloris) gets 408 REQUEST_BODY_TIMEOUT and the connection is closed; the handler is
   * never called. Measured on the real timer, not `clock`. Applies wherever Spoke reads the body
   * itself; a body a host framework already read is under that framework's own timeouts.
   * @default 10000
   */
  bodyTimeout?: number | undefined;
  /** Called with every handler exception. @default logs it with `logger.error` */
  onError?: ErrorHandler | undefined;
  /** Time source for signatures and deadlines. @default the system clock */
  clock?: Clock | undefined;
  /** Where warnings and errors go. @default console */
  logger?: Logger | undefined;
  /** Detailed error bodies (reply issues, exception messages). @default process.env.NODE_ENV !== 'production' */
  development?: boolean | undefined;
}

/**
 * Options of `createApp`: the app's client secret (or several, newest first, while rotating)
 * plus the common options.
 */
export type AppOptions = CommonAppOptions &
  (
    | {
        /** The app's client secret (HubSpot developer account → app → Auth). */
        clientSecret: string;
        clientSecrets?: never;
      }
    | {
        /** Several secrets, all accepted: the new one and the old one while rotating. */
        clientSecrets: readonly string[];
        clientSecret?: never;
      }
  );
