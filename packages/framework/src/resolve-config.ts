import { httpUrlSchema, limits, type SignatureVersion } from '@spoke/protocol';
import type { AppOptions, ErrorHandler } from './app-options.ts';
import { type Clock, systemClock } from './clock.ts';
import { SpokeFrameworkError } from './errors.ts';
import { createConsoleLogger, type Logger } from './logger.ts';

/** Options after validation, with every default filled in. */
export interface ResolvedConfig {
  readonly secrets: readonly string[];
  readonly publicUrl: string | undefined;
  readonly trustProxy: boolean;
  /** Signature versions accepted; `['v3']` unless weakened explicitly. */
  readonly acceptSignatureVersions: readonly SignatureVersion[];
  readonly allowV1EmptyBody: boolean;
  readonly bodyLimit: number;
  /** Milliseconds allowed for the whole request body (real time). */
  readonly bodyTimeout: number;
  readonly onError: ErrorHandler;
  readonly clock: Required<Clock>;
  readonly logger: Logger;
  readonly development: boolean;
}

function invalid(message: string): SpokeFrameworkError {
  return new SpokeFrameworkError('APP_CONFIG_INVALID', message);
}

function resolveSecrets(options: AppOptions): readonly string[] {
  const { clientSecret, clientSecrets } = options;
  if (clientSecret !== undefined && clientSecrets !== undefined) {
    throw invalid(
      'createApp got both clientSecret and clientSecrets; pass clientSecrets alone while rotating.',
    );
  }
  const secrets: readonly unknown[] = clientSecrets ?? (clientSecret === undefined ? [] : [clientSecret]);
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw invalid(
      "createApp needs the app's client secret: pass clientSecret (HubSpot developer account → app → Auth), e.g. from process.env.HUBSPOT_CLIENT_SECRET.",
    );
  }
  const strings = secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
  if (strings.length !== secrets.length) {
    throw invalid(
      'createApp got an empty or non-string client secret; an unset environment variable is the usual cause.',
    );
  }
  return strings;
}

function resolvePublicUrl(publicUrl: string | undefined): string | undefined {
  if (publicUrl === undefined) return undefined;
  const parsed =
    URL.canParse(publicUrl) && httpUrlSchema.safeParse(publicUrl).success ? new URL(publicUrl) : null;
  if (parsed === null || parsed.search !== '' || parsed.hash !== '' || publicUrl.includes('?')) {
    throw invalid(
      `publicUrl ${JSON.stringify(publicUrl)} must be an absolute http(s) base URL without query or fragment, e.g. https://abc.ngrok.app.`,
    );
  }
  // The request's path is appended, so drop the trailing slash: https://x/ + /card → https://x/card.
  return publicUrl.replace(/\/+$/, '');
}

function resolveBodyLimit(bodyLimit: number | undefined): number {
  if (bodyLimit === undefined) return limits.defaultBodyLimitBytes;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit <= 0) {
    throw invalid(`bodyLimit must be a positive whole number of bytes, got ${String(bodyLimit)}.`);
  }
  return bodyLimit;
}

/** Ten seconds: HubSpot sends its small bodies at once, and gives up on the reply after 5 s anyway. */
export const defaultBodyTimeoutMs = 10_000;

function resolveBodyTimeout(bodyTimeout: number | undefined): number {
  if (bodyTimeout === undefined) return defaultBodyTimeoutMs;
  // setTimeout fires at once past 2^31 - 1 ms, so larger values would mean the opposite.
  if (!Number.isSafeInteger(bodyTimeout) || bodyTimeout <= 0 || bodyTimeout > 2_147_483_647) {
    throw invalid(
      `bodyTimeout must be a positive whole number of milliseconds (at most 2147483647), got ${String(bodyTimeout)}.`,
    );
  }
  return bodyTimeout;
}

/** The environment variable `spoke dev` sets (to `1`) for the service it runs. */
export const developmentEnvVar = 'SPOKE_DEV';

// Off unless chosen: NODE_ENV is not read, since an unset or mistyped NODE_ENV would switch
// details on in production. Fetch runtimes (Workers, Deno) may have no `process`.
function developmentFromEnv(): boolean {
  const env: Record<string, string | undefined> | undefined = globalThis.process?.env;
  return env?.[developmentEnvVar] === '1';
}

const signatureVersions: readonly SignatureVersion[] = ['v1', 'v2', 'v3'];

function resolveVersions(options: AppOptions): readonly SignatureVersion[] {
  const { acceptSignatureVersions: given, strict } = options;
  if (strict === false) {
    throw invalid(
      "strict: false is no longer an option: v3 only is the default (docs/decisions/0009). Remove strict, and if an old sender must still be accepted say so with acceptSignatureVersions: ['v3', 'v2'] (a captured v2 request stays valid forever).",
    );
  }
  if (given === undefined) return ['v3'];
  const valid =
    Array.isArray(given) && given.length > 0 && given.every((version) => signatureVersions.includes(version));
  if (!valid) {
    throw invalid(
      `acceptSignatureVersions must be a non-empty list of 'v3', 'v2', 'v1', got ${JSON.stringify(given)}.`,
    );
  }
  if (strict === true && given.some((version) => version !== 'v3')) {
    throw invalid(
      `strict: true accepts v3 only, but acceptSignatureVersions is ${JSON.stringify(given)}; drop strict (it is the default now).`,
    );
  }
  return [...new Set(given)];
}

/** Validates `createApp` options; bad configuration throws APP_CONFIG_INVALID now, not on the first request. */
export function resolveConfig(options: AppOptions): ResolvedConfig {
  if (typeof options !== 'object' || options === null) {
    throw invalid('createApp needs an options object with at least clientSecret.');
  }
  const logger = options.logger ?? createConsoleLogger();
  const clock = options.clock;
  return {
    secrets: resolveSecrets(options),
    publicUrl: resolvePublicUrl(options.publicUrl),
    trustProxy: options.trustProxy ?? false,
    acceptSignatureVersions: resolveVersions(options),
    allowV1EmptyBody: options.allowV1EmptyBody === true,
    bodyLimit: resolveBodyLimit(options.bodyLimit),
    bodyTimeout: resolveBodyTimeout(options.bodyTimeout),
    onError:
      options.onError ??
      ((error, { route }) =>
        logger.error(`[spoke] the ${route.kind} handler at ${route.path} threw`, { error })),
    clock: {
      now: clock ? () => clock.now() : systemClock.now,
      setTimeout: clock?.setTimeout ? clock.setTimeout.bind(clock) : systemClock.setTimeout,
    },
    logger,
    development: options.development ?? developmentFromEnv(),
  };
}
