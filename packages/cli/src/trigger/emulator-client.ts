import type {
  ActionResult,
  NumbersResult,
  OpenRecordResult,
  ShareViaEventResult,
  ShareViaFlowResult,
} from '@spoke/emulator';
import type { AccessTokenInfo, OauthTokenResponse, PlatformMode, RenderedAction } from '@spoke/protocol';
import { SpokeCliError } from '../errors.ts';

/** The fields of an emulator app `spoke install` reads. */
export interface EmulatorApp {
  id: number;
  name: string;
  clientId: string;
  clientSecrets: string[];
  scopes: string[];
  redirectUrls?: string[];
}

/** An install as `GET /_spoke/installs` lists it: an app in a portal, with the scopes granted. */
export interface EmulatorInstall {
  appId: number;
  portalId: number;
  scopes: string[];
  installedAt: string;
}

/** A portal (HubSpot account) of the emulator. */
export interface EmulatorPortal {
  id: number;
  name: string;
  domain: string;
}

/** Body of `POST /_spoke/oauth/authorize`. */
export interface OauthAuthorizeInput {
  clientId: string;
  redirectUri: string;
  scope: string;
  optionalScope?: string;
  state: string;
  portalId?: number;
}

/** The emulator's access token for a client: `--token`, else SPOKE_EMULATOR_TOKEN. docs/security.md. */
export function emulatorToken(
  options: { token?: string },
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const token = options.token ?? env.SPOKE_EMULATOR_TOKEN;
  return token === undefined || token === '' ? undefined : token;
}

/**
 * A small client for the emulator's control API (`/_spoke/…`), which needs no key; `token` is sent
 * as `Authorization: Bearer` for an emulator that requires one (bound beyond loopback).
 */
export function createEmulatorClient(base: string, doFetch: typeof fetch, token?: string) {
  const root = base.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      // A URLSearchParams body goes form-encoded, as HubSpot's token endpoint takes it.
      const form = body instanceof URLSearchParams;
      response = await doFetch(`${root}${path}`, {
        method,
        headers: {
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
          accept: 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        ...(body === undefined ? {} : { body: form ? body.toString() : JSON.stringify(body) }),
      });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
      throw new SpokeCliError(
        'CLI_EMULATOR_UNREACHABLE',
        `cannot reach the emulator at ${root} (${reason}). Start it with \`spoke emulator\` or fix --emulator.`,
        { cause },
      );
    }
    const text = await response.text();
    let value: unknown = null;
    try {
      value = text === '' ? null : JSON.parse(text);
    } catch {
      value = null;
    }
    if (!response.ok) {
      const message = (value as { message?: string } | null)?.message ?? text.slice(0, 200);
      if (
        response.status === 401 &&
        (value as { code?: string } | null)?.code === 'API_ACCESS_TOKEN_REQUIRED'
      ) {
        throw new SpokeCliError(
          'CLI_EMULATOR_REFUSED',
          `the emulator at ${root} needs its access token: pass --token or set SPOKE_EMULATOR_TOKEN (\`spoke emulator\` prints it). ${message}`,
        );
      }
      throw new SpokeCliError(
        'CLI_EMULATOR_REFUSED',
        `the emulator answered ${response.status} to ${method} ${path}: ${message}`,
      );
    }
    return value as T;
  }
  return {
    base: root,
    mode: async () => (await call<{ mode: PlatformMode }>('GET', '/_spoke/mode')).mode,
    setMode: (mode: PlatformMode) => call('PUT', '/_spoke/mode', { mode }),
    /** The app's own request shape and public URL (null: the emulator's mode, its targets). */
    appSettings: async (appId: number) => {
      const app = await call<{ mode?: PlatformMode | null; publicUrl?: string | null }>(
        'GET',
        `/_spoke/apps/${appId}`,
      );
      return { mode: app.mode ?? null, publicUrl: app.publicUrl ?? null };
    },
    setAppSettings: (appId: number, patch: { mode?: PlatformMode | null; publicUrl?: string | null }) =>
      call('PATCH', `/_spoke/apps/${appId}`, patch),
    firstRecordId: async (objectType: string) => {
      const { results } = await call<{ results: { id: string }[] }>('GET', `/_spoke/records/${objectType}`);
      const first = results[0];
      if (!first)
        throw new SpokeCliError(
          'CLI_EMULATOR_REFUSED',
          `the emulator has no ${objectType} records; create one or pass --record.`,
        );
      return Number(first.id);
    },
    openRecord: (objectType: string, id: number, appId: number) =>
      call<OpenRecordResult>('POST', `/_spoke/records/${objectType}/${id}/cards`, { appId }),
    runAction: (
      objectType: string,
      id: number,
      input: { appId: number; cardId: string; action: RenderedAction },
    ) => call<ActionResult>('POST', `/_spoke/records/${objectType}/${id}/actions`, input),
    setShareViaTarget: (appId: number, targetUrl: string) =>
      call('PUT', `/_spoke/apps/${appId}/share-via`, { targetUrl }),
    shareViaTarget: async (appId: number) =>
      (await call<{ targetUrl: string | null }>('GET', `/_spoke/apps/${appId}/share-via`)).targetUrl,
    shareViaEvent: (appId: number, event: string, payload: unknown) =>
      call<ShareViaEventResult>('POST', `/_spoke/apps/${appId}/share-via/${event}`, payload),
    shareViaFlow: (appId: number, input: unknown) =>
      call<ShareViaFlowResult>('POST', `/_spoke/apps/${appId}/share-via/flow`, input),
    numbers: (appId: number) =>
      call<NumbersResult>('POST', `/_spoke/apps/${appId}/channel-connection/numbers`, {}),
    /** Every app, with its OAuth settings (`spoke install`). */
    apps: async () => (await call<{ results: EmulatorApp[] }>('GET', '/_spoke/apps')).results,
    setRedirectUrls: (appId: number, redirectUrls: string[] | null) =>
      call<EmulatorApp>('PATCH', `/_spoke/apps/${appId}`, { redirectUrls }),
    /** What the consent screen would show; refuses (OAUTH_*) what HubSpot's would refuse. */
    oauthConsent: (query: URLSearchParams) => call<unknown>('GET', `/_spoke/oauth/consent?${query}`),
    /** The consent screen's Connect: the URL HubSpot sends the browser to. */
    oauthAuthorize: (input: OauthAuthorizeInput) =>
      call<{ location: string }>('POST', '/_spoke/oauth/authorize', input),
    /** `POST /oauth/v1/token`, form-encoded as HubSpot's. */
    oauthToken: (form: URLSearchParams) => call<OauthTokenResponse>('POST', '/oauth/v1/token', form),
    /** Where `appId` is installed (`GET /_spoke/installs?appId=`). */
    installs: async (appId: number) =>
      (await call<{ results: EmulatorInstall[] }>('GET', `/_spoke/installs?appId=${appId}`)).results,
    /** Uninstalls the app from the portal; its access and refresh tokens stop working. */
    uninstall: (appId: number, portalId: number) =>
      call<null>('DELETE', `/_spoke/installs/${appId}/${portalId}`),
    portals: async () => (await call<{ results: EmulatorPortal[] }>('GET', '/_spoke/portals')).results,
    accessTokenInfo: (accessToken: string) =>
      call<AccessTokenInfo>('GET', `/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`),
  };
}

/** The client type. */
export type EmulatorClient = ReturnType<typeof createEmulatorClient>;
