import { SpokeCliError } from '../errors.ts';
import type { SpokeConfig } from './config-schema.ts';

/** Where the emulator's developer API listens unless told otherwise. */
export const defaultApiBase = 'http://127.0.0.1:3400';
/** The app the emulator seeds. */
export const defaultEmulatorAppId = 1000;

/** Options every command that talks to the developer API takes. */
export interface ApiTargetOptions {
  api?: string;
  hapikey?: string;
  appId?: string;
  /** The emulator's access token (`--token`). */
  token?: string;
}

/** The resolved developer API, key and app. */
export interface ApiTarget {
  api: string;
  /** null: none given; an emulator's is read from its control API (see connectDeveloperApi). */
  hapikey: string | null;
  appId: number;
  /** An emulator's access token (`--token` or SPOKE_EMULATOR_TOKEN), sent as `Authorization: Bearer`. */
  token?: string;
}

function firstSet(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

function tokenOf(
  options: ApiTargetOptions,
  env: Readonly<Record<string, string | undefined>>,
): { token?: string } {
  const token = firstSet(options.token, env.SPOKE_EMULATOR_TOKEN);
  return token === undefined ? {} : { token };
}

/**
 * Resolves `--api`, `--hapikey` and `--app-id`: the flag, then the config's `appId`, then the
 * environment (SPOKE_API_URL, SPOKE_DEVELOPER_API_KEY or HUBSPOT_DEVELOPER_API_KEY, SPOKE_APP_ID
 * or HUBSPOT_APP_ID), then the emulator's defaults. Without an app id, only the emulator's own
 * API falls back to its seeded app; without a key, `hapikey` is null.
 */
export function resolveApiTarget(
  options: ApiTargetOptions,
  config: Pick<SpokeConfig, 'appId'> | null,
  env: Readonly<Record<string, string | undefined>>,
): ApiTarget {
  const api = firstSet(options.api, env.SPOKE_API_URL) ?? defaultApiBase;
  if (!URL.canParse(api) || !/^https?:/.test(api)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--api ${JSON.stringify(api)} is not an http(s) base URL, e.g. ${defaultApiBase}.`,
    );
  }
  const hapikey =
    firstSet(options.hapikey, env.SPOKE_DEVELOPER_API_KEY, env.HUBSPOT_DEVELOPER_API_KEY) ?? null;
  const fromConfig = config?.appId === undefined ? undefined : String(config.appId);
  const rawAppId = firstSet(options.appId, fromConfig, env.SPOKE_APP_ID, env.HUBSPOT_APP_ID);
  if (rawAppId === undefined) {
    if (api === defaultApiBase)
      return { api, hapikey, appId: defaultEmulatorAppId, ...tokenOf(options, env) };
    throw new SpokeCliError(
      'CONFIG_APP_ID_MISSING',
      `no app id for ${api}: pass --app-id, set "appId" in spoke.config.json, or set SPOKE_APP_ID.`,
    );
  }
  if (!/^\d+$/.test(rawAppId) || Number(rawAppId) <= 0) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `the app id ${JSON.stringify(rawAppId)} is not a positive whole number.`,
    );
  }
  return { api, hapikey, appId: Number(rawAppId), ...tokenOf(options, env) };
}
