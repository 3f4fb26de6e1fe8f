import { Client } from '@hubspot/api-client';
import type { Logger } from '@spoke/framework';
import type { HubSpotInstall } from '../domain/hubspot-install.ts';
import { type BugTrackerErrorCode, errorDocUrl } from '../errors.ts';
import type { HubSpotInstallRepository } from '../store/hubspot-install-repository.ts';
import { trackerLimits } from '../tracker-limits.ts';

/** HubSpot's own origins; `npm start` points both at the emulator. */
export const hubspotDefaults = {
  /** Where the browser consents (`/oauth/authorize`). */
  appUrl: 'https://app.hubspot.com',
  /** Where the API lives (`/oauth/v1/token`, `/crm/v3/...`): `basePath` of `@hubspot/api-client`. */
  apiUrl: 'https://api.hubapi.com',
} as const;

/**
 * The scopes the tracker asks for at install. The card shows on contacts, companies and tickets,
 * and HubSpot shows an app's card only where it holds the object's read and write scopes; writing
 * `open_issues` back needs `crm.objects.contacts.write`.
 */
export const trackerScopes = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.tickets.read',
  'crm.objects.tickets.write',
] as const;

/** The app's OAuth settings: HubSpot developer account → app → Auth. */
export interface HubSpotAppOptions {
  /** `HUBSPOT_CLIENT_ID`. */
  readonly clientId: string;
  /** `HUBSPOT_APP_URL`. @default https://app.hubspot.com */
  readonly appUrl?: string | undefined;
  /** `HUBSPOT_API_URL`. @default https://api.hubapi.com */
  readonly apiUrl?: string | undefined;
}

/** The tracker's side of HubSpot's OAuth: the install URL, the code exchange, tokens kept fresh. */
export interface HubSpotAccount {
  readonly clientId: string;
  readonly apiUrl: string;
  /** HubSpot's consent URL for this app, with `redirectUri` and `state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /**
   * Exchanges the code HubSpot sent to the redirect URL (`POST /oauth/v1/token`), asks whose portal
   * it is (`GET /oauth/v1/access-tokens/{token}`) and stores the tokens. Throws an
   * {@link OauthCallFailure} when HubSpot refuses or cannot be reached.
   */
  install(code: string, redirectUri: string): Promise<HubSpotInstall>;
  /**
   * A working access token of the portal: refreshed first (and stored) when less than 5 minutes
   * remain. Null, with a logged line, when the portal has no install, when HubSpot refused the
   * refresh (the install is then marked gone), or when HubSpot could not be reached. Never throws.
   */
  accessToken(portalId: number): Promise<string | null>;
  /** The official client on `apiUrl` with an access token. */
  client(accessToken: string): Client;
}

/** HubSpot refused an OAuth call (`status` is its HTTP status) or could not be reached (`status` null). */
export class OauthCallFailure extends Error {
  readonly status: number | null;
  constructor(status: number | null, message: string) {
    super(message);
    this.name = 'OauthCallFailure';
    this.status = status;
  }
}

interface ApiExceptionLike {
  code: number;
  body: unknown;
}

function isApiException(error: unknown): error is ApiExceptionLike {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number';
}

/** What HubSpot said, in one phrase: `400 BAD_AUTH_CODE: …`, or why it could not be reached. */
export function describeHubSpotFailure(error: unknown, apiUrl: string): string {
  if (isApiException(error)) {
    const body = (typeof error.body === 'object' && error.body !== null ? error.body : {}) as {
      status?: unknown;
      category?: unknown;
      message?: unknown;
    };
    // OAuth names the failure in `status`; the CRM API says `"status":"error"` and names it in `category`.
    const name = typeof body.status === 'string' && body.status !== 'error' ? body.status : body.category;
    const label = typeof name === 'string' ? ` ${name}` : '';
    const message = typeof body.message === 'string' ? `: ${body.message}` : '';
    return `HubSpot answered ${error.code}${label}${message}`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `HubSpot at ${apiUrl} could not be reached (${reason})`;
}

/**
 * True when HubSpot refused the refresh token itself (400 `BAD_REFRESH_TOKEN`, or a 400/401 that
 * names nothing else): the app was uninstalled or the token deleted. A wrong client id or secret,
 * a rate limit or an outage says nothing about the install.
 */
function refusesRefreshToken(error: unknown): boolean {
  if (!isApiException(error) || (error.code !== 400 && error.code !== 401)) return false;
  const status = (error.body as { status?: unknown } | null)?.status;
  return status === 'BAD_REFRESH_TOKEN' || typeof status !== 'string';
}

/** Logs a token refresh that failed in `portalId`: what happened and what to do, then the doc row of `code`. */
function warnRefreshFailed(
  logger: Logger,
  portalId: number,
  message: string,
  code: BugTrackerErrorCode,
): void {
  logger.warn(`[bug-tracker] portal ${portalId}: ${message} See ${errorDocUrl(code)}`);
}

function failure(error: unknown, apiUrl: string): OauthCallFailure {
  return new OauthCallFailure(
    isApiException(error) ? error.code : null,
    describeHubSpotFailure(error, apiUrl),
  );
}

/**
 * Builds the tracker's HubSpot account on the official `@hubspot/api-client`, with `basePath` =
 * `apiUrl`, so the same code runs against HubSpot and against the Spoke emulator.
 */
export function createHubSpotAccount(
  options: HubSpotAppOptions & {
    /** The app's client secret (the newest, while rotating). */
    clientSecret: string;
    installs: HubSpotInstallRepository;
    /** Epoch ms: token expiry is judged on it. */
    now: () => number;
    logger: Logger;
  },
): HubSpotAccount {
  const appUrl = (options.appUrl ?? hubspotDefaults.appUrl).replace(/\/+$/, '');
  const apiUrl = (options.apiUrl ?? hubspotDefaults.apiUrl).replace(/\/+$/, '');
  const { clientId, clientSecret, installs, now, logger } = options;
  // Retries would hide a refusal and hold an action's reply; the tracker decides what a failure means.
  const oauth = new Client({ basePath: apiUrl, numberOfApiCallRetries: 0 }).oauth;

  async function refresh(install: HubSpotInstall): Promise<string | null> {
    let answer: Awaited<ReturnType<typeof oauth.tokensApi.create>>;
    try {
      answer = await oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        clientId,
        clientSecret,
        install.refreshToken,
      );
    } catch (error) {
      const what = describeHubSpotFailure(error, apiUrl);
      if (refusesRefreshToken(error)) {
        await installs.markUninstalled(install.portalId);
        warnRefreshFailed(
          logger,
          install.portalId,
          `${what}, refusing the refresh token, so the tracker is no longer installed there (uninstalled in HubSpot?). It stops calling HubSpot for that portal; install it again at /oauth/install.`,
          'TRACKER_HUBSPOT_UNINSTALLED',
        );
      } else {
        const fix =
          isApiException(error) && error.code < 500 && error.code !== 429
            ? 'check HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET'
            : 'trying again on the next call';
        warnRefreshFailed(
          logger,
          install.portalId,
          `could not refresh the access token (${what}); ${fix}.`,
          'TRACKER_WRITE_BACK_FAILED',
        );
      }
      return null;
    }
    const saved = await installs.saveRefresh({
      portalId: install.portalId,
      accessToken: answer.accessToken,
      // HubSpot's refresh tokens do not rotate today; keep a new one if it ever sends one.
      refreshToken: answer.refreshToken || install.refreshToken,
      expiresAt: now() + answer.expiresIn * 1000,
    });
    return saved?.accessToken ?? null;
  }

  return {
    clientId,
    apiUrl,
    authorizeUrl(redirectUri, state) {
      // The official client builds HubSpot's URL; only its origin changes (the emulator's, in development).
      const url = new URL(
        oauth.getAuthorizationUrl(clientId, redirectUri, trackerScopes.join(' '), undefined, state),
      );
      return `${appUrl}${url.pathname}${url.search}`;
    },
    async install(code, redirectUri) {
      let tokens: Awaited<ReturnType<typeof oauth.tokensApi.create>>;
      let info: Awaited<ReturnType<typeof oauth.accessTokensApi.get>>;
      try {
        tokens = await oauth.tokensApi.create(
          'authorization_code',
          code,
          redirectUri,
          clientId,
          clientSecret,
        );
        info = await oauth.accessTokensApi.get(tokens.accessToken);
      } catch (error) {
        throw failure(error, apiUrl);
      }
      return installs.saveInstall({
        portalId: info.hubId,
        hubDomain: info.hubDomain ?? null,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: now() + tokens.expiresIn * 1000,
        scopes: info.scopes,
      });
    },
    async accessToken(portalId) {
      const install = await installs.get(portalId);
      if (install === null || install.uninstalledAt !== null) {
        logger.info(
          `[bug-tracker] portal ${portalId} has ${install === null ? 'not installed the tracker' : `uninstalled the tracker (${install.uninstalledAt})`}: nothing is written to HubSpot there. Install it at /oauth/install.`,
        );
        return null;
      }
      if (install.expiresAt - now() > trackerLimits.tokenRefreshMarginMs) return install.accessToken;
      return refresh(install);
    },
    client: (accessToken) => new Client({ basePath: apiUrl, accessToken, numberOfApiCallRetries: 0 }),
  };
}
