import {
  type ObjectTypeName,
  objectTypeNameSchema,
  type PermittedUrls,
  permittedUrlSchema,
  publicBaseUrlSchema,
} from '@spoke/protocol';
import { SpokeCliError } from '../errors.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { platformDefaults } from '../platform-defaults.ts';

/** Options every `trigger` subcommand takes. */
export interface TriggerCommonOptions {
  secret?: string;
  emulator?: string;
  /** The emulator's access token (default SPOKE_EMULATOR_TOKEN); only an emulator bound beyond loopback needs one. */
  token?: string;
  appId?: string;
  portalId?: string;
  userId?: string;
  userEmail?: string;
  /** Sign for this public base URL and deliver to the target, as a tunnel would. */
  publicUrl?: string;
  /** The app's permittedUrls.fetch (card and action, without --emulator): converter calls are judged against it. */
  permittedUrl?: string[];
  json?: boolean;
}

/** Who the call is from, as the platform says. */
export interface TriggerIdentity {
  app: { id: number; clientSecret: string; publicUrl?: string; permittedUrls?: PermittedUrls };
  portal: { id: number };
  user: { id: number; email: string };
}

/** `contacts:51` → object type and id. */
export function parseRecordSpec(value: string): { objectType: ObjectTypeName; id: number } {
  const [type, id, ...rest] = value.split(':');
  const parsed = objectTypeNameSchema.safeParse(type);
  if (!parsed.success || id === undefined || rest.length > 0 || !/^\d+$/.test(id)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--record ${JSON.stringify(value)} is not <objectType>:<id>; use e.g. contacts:51 (types: ${objectTypeNameSchema.options.join(', ')}).`,
    );
  }
  return { objectType: parsed.data, id: Number(id) };
}

/** Repeated `k=v` options → a record (the first `=` splits; values may contain more). */
export function parseKeyValues(values: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of values) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new SpokeCliError('CLI_OPTION_INVALID', `${option} ${JSON.stringify(pair)} is not name=value.`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/** `--public-url`: an absolute http(s) base URL without query or fragment. */
export function parsePublicUrl(value: string): string {
  if (!publicBaseUrlSchema.safeParse(value).success) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--public-url ${JSON.stringify(value)} must be the public base URL HubSpot calls, absolute http(s) without query or fragment, e.g. https://abc.ngrok.app.`,
    );
  }
  return value;
}

/** `--permitted-url` (repeated): entries of the app's permittedUrls.fetch, each https:// and not localhost. */
export function parsePermittedUrls(values: readonly string[]): PermittedUrls {
  return {
    fetch: values.map((value) => {
      const parsed = permittedUrlSchema.safeParse(value);
      if (!parsed.success) {
        throw new SpokeCliError(
          'CLI_OPTION_INVALID',
          `--permitted-url ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? 'not a permittedUrls entry'}.`,
        );
      }
      return parsed.data;
    }),
  };
}

/** The app a trigger goes through the emulator for, with `--public-url` checked. */
export function triggerApp(options: TriggerCommonOptions, appId: number): { id: number; publicUrl?: string } {
  if (options.permittedUrl?.length) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--permitted-url is for calls without --emulator: the emulator judges app ${appId}'s calls against its own permittedUrls (spoke.config.json and spoke push, the Apps screen, or PATCH /_spoke/apps/${appId}).`,
    );
  }
  return {
    id: appId,
    ...(options.publicUrl === undefined ? {} : { publicUrl: parsePublicUrl(options.publicUrl) }),
  };
}

/** The app, portal and user a direct trigger speaks for; the secret is required without --emulator. */
export function triggerIdentity(options: TriggerCommonOptions): TriggerIdentity {
  if (options.secret === undefined || options.secret === '') {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      "--secret is required without --emulator: pass the app's client secret the service verifies with.",
    );
  }
  return {
    app: {
      id: options.appId ? parsePositiveInt(options.appId, '--app-id') : platformDefaults.appId,
      clientSecret: options.secret,
      ...(options.publicUrl === undefined ? {} : { publicUrl: parsePublicUrl(options.publicUrl) }),
      ...(options.permittedUrl?.length ? { permittedUrls: parsePermittedUrls(options.permittedUrl) } : {}),
    },
    portal: {
      id: options.portalId ? parsePositiveInt(options.portalId, '--portal-id') : platformDefaults.portalId,
    },
    user: {
      id: options.userId ? parsePositiveInt(options.userId, '--user-id') : platformDefaults.userId,
      email: options.userEmail ?? platformDefaults.userEmail,
    },
  };
}

/** Parses a Share Via event name in any case or kebab form (`fetch-recipients`). */
export function normalizeEventName(value: string): string {
  return value.trim().toUpperCase().replaceAll('-', '_');
}
