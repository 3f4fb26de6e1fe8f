import {
  type CallingSettings,
  type CallingSettingsCreate,
  type CallingSettingsPatch,
  type CardDefinition,
  type CardDefinitionCreate,
  type CardDefinitionPatch,
  type ChannelConnectionSettings,
  type ChannelConnectionSettingsCreate,
  type ChannelConnectionSettingsPatch,
  callingSettingsSchema,
  cardDefinitionListSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
  hubspotErrorSchema,
  permittedUrlsSchema,
  platformModeSchema,
  schemaIssues,
} from '@spoke/protocol';
import { z } from 'zod';
import { SpokeCliError } from '../errors.ts';
import type { EmulatorAppSettings } from './plan-push.ts';

/** Options of {@link createDeveloperApiClient}. */
export interface DeveloperApiClientOptions {
  /** Base URL of a HubSpot-compatible developer API, e.g. the emulator's `http://127.0.0.1:3400`. */
  api: string;
  /** Developer API key, sent as `?hapikey=`. */
  hapikey: string;
  appId: number;
  /** An emulator's access token, sent as `Authorization: Bearer` (the key stays in `?hapikey=`). docs/security.md. */
  token?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Waits between retries of a 429 reply.
   * @default setTimeout-based sleep
   */
  sleep?: (ms: number) => Promise<void>;
}

/** The Share Via target as the emulator's control API (`/_spoke/apps/{appId}/share-via`) speaks it; HubSpot has no public API for it. */
export const shareViaSettingSchema = z.looseObject({ targetUrl: z.string().nullable().optional() });
/** What `GET /_spoke/apps/{appId}` says of the settings `spoke.config.json` manages. */
const emulatorAppSettingsSchema = z.looseObject({
  publicUrl: z.string().nullable().optional(),
  mode: platformModeSchema.nullable().optional(),
  permittedUrls: permittedUrlsSchema.nullable().optional(),
  redirectUrls: z.array(z.string()).nullable().optional(),
  cardPublicUrls: z.record(z.string(), z.string()).optional(),
});

const retries = 3;
// Spoke's choice: wait at most this long for one Retry-After, so a push never hangs.
const maxRetryWaitMs = 10_000;

/** Client for the developer API paths `spoke push` and `pull` use (the same paths as HubSpot's). */
export interface DeveloperApiClient {
  readonly api: string;
  readonly appId: number;
  listCards(): Promise<CardDefinition[]>;
  createCard(card: CardDefinitionCreate): Promise<CardDefinition>;
  updateCard(id: string, patch: CardDefinitionPatch): Promise<CardDefinition>;
  deleteCard(id: string): Promise<void>;
  getCalling(): Promise<CallingSettings | null>;
  createCalling(settings: CallingSettingsCreate): Promise<CallingSettings>;
  updateCalling(patch: CallingSettingsPatch): Promise<CallingSettings>;
  deleteCalling(): Promise<void>;
  getChannelConnection(): Promise<ChannelConnectionSettings | null>;
  createChannelConnection(settings: ChannelConnectionSettingsCreate): Promise<ChannelConnectionSettings>;
  updateChannelConnection(patch: ChannelConnectionSettingsPatch): Promise<ChannelConnectionSettings>;
  deleteChannelConnection(): Promise<void>;
  /** The emulator's Share Via target; `undefined` when the API is not the emulator's. */
  getShareVia(): Promise<string | null | undefined>;
  /** Sets the emulator's Share Via target; false when the API has no such endpoint (real HubSpot). */
  setShareVia(targetBaseUrl: string | null): Promise<boolean>;
  /** The emulator's settings of the app (public URL, mode); `undefined` when the API is not the emulator's. */
  getAppSettings(): Promise<EmulatorAppSettings | undefined>;
  /** Sets them (`null` clears; `cardPublicUrls` merges); false when the API has no such endpoint (real HubSpot). */
  setAppSettings(
    patch: Partial<Omit<EmulatorAppSettings, 'cardPublicUrls'>> & {
      cardPublicUrls?: Record<string, string | null>;
    },
  ): Promise<boolean>;
}

/** Creates a client; every failure is a SpokeCliError with a message that names the call. */
export function createDeveloperApiClient(options: DeveloperApiClientOptions): DeveloperApiClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const base = options.api.replace(/\/+$/, '');
  const cards = `/crm/v3/extensions/cards-dev/${options.appId}`;
  const calling = `/crm/v3/extensions/calling/${options.appId}/settings`;
  const channel = `${calling}/channel-connection`;
  const shareVia = `/_spoke/apps/${options.appId}/share-via`;
  const appPath = `/_spoke/apps/${options.appId}`;

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${base}${path}?hapikey=${encodeURIComponent(options.hapikey)}`;
    const auth: Record<string, string> =
      options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    const init: RequestInit = { method, headers: { accept: 'application/json', ...auth } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json', ...auth };
    }
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await doFetch(url, init);
      } catch (cause) {
        const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
        throw new SpokeCliError(
          'DEVELOPER_API_UNREACHABLE',
          `cannot reach the developer API at ${base} (${method} ${path}: ${reason}). Start the emulator (\`spoke emulator\`) or pass --api <base URL>.`,
          { cause },
        );
      }
      if (response.status !== 429 || attempt >= retries) return response;
      const after = Number(response.headers.get('retry-after') ?? '1');
      await response.body?.cancel();
      await sleep(Math.min(Number.isFinite(after) ? after * 1000 : 1000, maxRetryWaitMs));
    }
  }

  async function refusal(method: string, path: string, response: Response): Promise<SpokeCliError> {
    const text = await response.text();
    let parsed: z.ZodSafeParseResult<z.infer<typeof hubspotErrorSchema>> | null = null;
    try {
      parsed = hubspotErrorSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    const said = parsed?.success
      ? `${parsed.data.category}: ${parsed.data.message}`
      : text.slice(0, 300) || '(empty body)';
    const details = parsed?.success
      ? (parsed.data.errors ?? []).map((e) => (e.in ? `${e.in}: ${e.message}` : e.message))
      : [];
    const next =
      response.status === 401 && text.includes('API_ACCESS_TOKEN_REQUIRED')
        ? " Pass the emulator's access token: --token or SPOKE_EMULATOR_TOKEN (`spoke emulator` prints it)."
        : response.status === 401
          ? ' Check --hapikey (or SPOKE_DEVELOPER_API_KEY).'
          : response.status === 404
            ? ' Check --app-id and --api.'
            : response.status === 403
              ? " Add the object's crm.objects.<type>.read/.write scopes to the app."
              : '';
    return new SpokeCliError(
      'DEVELOPER_API_REFUSED',
      `the developer API answered ${response.status} to ${method} ${path}: ${said}.${next}`,
      { details },
    );
  }

  async function json<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    if (!response.ok) throw await refusal(method, path, response);
    const text = await response.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new SpokeCliError(
        'DEVELOPER_API_REPLY_INVALID',
        `the developer API answered ${method} ${path} with a body that is not JSON: ${text.slice(0, 200)}. Is --api a HubSpot-compatible developer API?`,
        { cause },
      );
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new SpokeCliError(
        'DEVELOPER_API_REPLY_INVALID',
        `the developer API's reply to ${method} ${path} does not match the expected shape. Is --api a HubSpot-compatible developer API?`,
        {
          details: schemaIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`),
        },
      );
    }
    return parsed.data;
  }

  async function optional<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
    const response = await send('GET', path);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw await refusal('GET', path, response);
    const value: unknown = await response.json();
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new SpokeCliError(
        'DEVELOPER_API_REPLY_INVALID',
        `the developer API's reply to GET ${path} does not match the expected shape.`,
        {
          details: schemaIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`),
        },
      );
    }
    return parsed.data;
  }

  async function remove(path: string): Promise<void> {
    const response = await send('DELETE', path);
    if (!response.ok) throw await refusal('DELETE', path, response);
    await response.body?.cancel();
  }

  return {
    api: base,
    appId: options.appId,
    listCards: async () => (await json('GET', cards, cardDefinitionListSchema)).results,
    createCard: (card) => json('POST', cards, cardDefinitionSchema, card),
    updateCard: (id, patch) =>
      json('PATCH', `${cards}/${encodeURIComponent(id)}`, cardDefinitionSchema, patch),
    deleteCard: (id) => remove(`${cards}/${encodeURIComponent(id)}`),
    getCalling: () => optional(calling, callingSettingsSchema),
    createCalling: (settings) => json('POST', calling, callingSettingsSchema, settings),
    updateCalling: (patch) => json('PATCH', calling, callingSettingsSchema, patch),
    deleteCalling: () => remove(calling),
    getChannelConnection: () => optional(channel, channelConnectionSettingsSchema),
    createChannelConnection: (settings) => json('POST', channel, channelConnectionSettingsSchema, settings),
    updateChannelConnection: (patch) => json('PATCH', channel, channelConnectionSettingsSchema, patch),
    deleteChannelConnection: () => remove(channel),
    async getShareVia() {
      const response = await send('GET', shareVia);
      if (response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await refusal('GET', shareVia, response);
      const parsed = shareViaSettingSchema.safeParse(await response.json());
      return parsed.success ? (parsed.data.targetUrl ?? null) : undefined;
    },
    async setShareVia(targetBaseUrl) {
      const response = await send('PUT', shareVia, { targetUrl: targetBaseUrl });
      if (response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        return false;
      }
      if (!response.ok) throw await refusal('PUT', shareVia, response);
      await response.body?.cancel();
      return true;
    },
    async getAppSettings() {
      const response = await send('GET', appPath);
      if (response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await refusal('GET', appPath, response);
      const parsed = emulatorAppSettingsSchema.safeParse(await response.json());
      if (!parsed.success) return undefined;
      return {
        publicUrl: parsed.data.publicUrl ?? null,
        mode: parsed.data.mode ?? null,
        permittedUrls: parsed.data.permittedUrls ?? null,
        // None registered reads as null, as the file says it.
        redirectUrls: parsed.data.redirectUrls?.length ? parsed.data.redirectUrls : null,
        cardPublicUrls: parsed.data.cardPublicUrls ?? {},
      };
    },
    async setAppSettings(patch) {
      const response = await send('PATCH', appPath, patch);
      if (response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        return false;
      }
      if (!response.ok) throw await refusal('PATCH', appPath, response);
      await response.body?.cancel();
      return true;
    },
  };
}
