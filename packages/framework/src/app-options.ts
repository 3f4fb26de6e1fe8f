import type { SignatureVersion } from '@spoke/protocol';
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
  /**
   * The signature versions accepted. The default, v3 only, is what HubSpot sends on every surface
   * Spoke serves: v3 covers the timestamp, so a captured request expires after five minutes.
   *
   * Adding `'v2'` (or `'v1'`) weakens that for good: **a captured v2 request stays valid
   * forever** (v2 has no timestamp), and anyone holding a captured v3 request can strip its v3
   * headers and send it as v2 days later (a downgrade). Add it only while an old sender that
   * cannot sign v3 remains, and remove it after. v1 over an empty body is refused even then
   * unless `allowV1EmptyBody` is set. docs/framework.md "Signature versions"; docs/decisions/0009
   * @default ['v3']
   */
  acceptSignatureVersions?: readonly SignatureVersion[] | undefined;
  /**
   * With `'v1'` in `acceptSignatureVersions`, also accept a v1 signature over an empty body (GET,
   * DELETE). That signature is `sha256(secret)`: one constant header value that authenticates
   * every bodiless request, to any path, forever. Leave it off.
   * @default false
   */
  allowV1EmptyBody?: boolean | undefined;
  /**
   * @deprecated v3 only is now the default (docs/decisions/0009). `true` is the same as the
   * default; `false` is refused with APP_CONFIG_INVALID: say `acceptSignatureVersions: ['v3', 'v2']`
   * if legacy signatures must be accepted.
   */
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
  /**
   * Development mode: error bodies carry details (reply issues, exception messages, registered
   * routes) and a refused signature's explanation goes to `logger`. Never the expected signature
   * in a reply, in any mode. Choose it explicitly: NODE_ENV is not a security boundary, so it is
   * not read. `spoke dev` sets `SPOKE_DEV=1` for the service it runs.
   * @default process.env.SPOKE_DEV === '1'
   */
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
