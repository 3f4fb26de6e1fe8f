import type { AccessTokenInfo, OauthTokenResponse, RefreshTokenInfo } from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import { clientIdOf } from '../store/client-id.ts';
import type { App, Install, OauthCode, OauthToken, Portal } from '../store/entities.ts';
import type { Store } from '../store/store.ts';

export { clientIdOf };

/**
 * HubSpot's OAuth 2.0 as the emulator plays it: the consent (authorize), the token endpoint
 * (`authorization_code` and `refresh_token` grants), token metadata and installs. docs/emulator.md,
 * "Installing an app (OAuth)".
 */
export interface OauthDeps {
  store: Store;
  /** Epoch milliseconds: codes and access tokens expire on this clock. */
  now(): number;
  randomUUID(): string;
}

/** HubSpot's access tokens live 30 minutes (`expires_in` 1800). */
export const accessTokenSeconds = 1800;
/** Authorization codes: single-use and short-lived (HubSpot gives "a short window"; Spoke: 10 minutes). */
export const authorizationCodeSeconds = 600;
/** The scope every HubSpot app may ask for without configuring it. */
export const baseScope = 'oauth';

/** Scopes as `scope`/`optional_scope` carry them: separated by spaces (or `+`, a form-encoded space). */
export function splitScopes(value: string | undefined | null): string[] {
  return [...new Set((value ?? '').split(/[\s+]+/).filter(Boolean))];
}

/** The key installs, codes and tokens are scoped by: one app in one portal. */
export function installKey(appId: number, portalId: number): string {
  return `${appId}:${portalId}`;
}

async function appByClientId(store: Store, clientId: string | undefined): Promise<App> {
  const app = clientId ? (await store.apps.list()).find((a) => clientIdOf(a) === clientId) : undefined;
  if (!app) {
    throw new SpokeEmulatorError(
      'OAUTH_BAD_CLIENT_ID',
      clientId
        ? `no app has the client_id ${JSON.stringify(clientId)} (HubSpot: "An invalid app client_id was provided"); GET /_spoke/apps shows each app's clientId.`
        : 'client_id is missing; pass the clientId of the app (GET /_spoke/apps shows it).',
    );
  }
  return app;
}

function checkRedirect(app: App, redirectUri: string | undefined): string {
  const registered = app.redirectUrls ?? [];
  if (!redirectUri || !registered.includes(redirectUri)) {
    const fix =
      registered.length === 0
        ? `app ${app.id} has no redirect URLs: set them with PATCH /_spoke/apps/${app.id} {"redirectUrls": ["${redirectUri ?? 'https://your.app/oauth-callback'}"]} or "redirectUrls" in spoke.config.json`
        : `app ${app.id} has ${registered.join(', ')}; redirect_uri must be one of them exactly`;
    throw new SpokeEmulatorError(
      'OAUTH_BAD_REDIRECT_URI',
      `${redirectUri ? `redirect_uri ${JSON.stringify(redirectUri)}` : 'redirect_uri is missing; it'} doesn't match the client registered redirect_uri (HubSpot's words): ${fix}.`,
    );
  }
  return redirectUri;
}

function checkScopes(app: App, required: readonly string[], optional: readonly string[]): void {
  if (required.length === 0) {
    throw new SpokeEmulatorError(
      'OAUTH_UNKNOWN_SCOPE',
      `scope is missing; list the scopes the app needs, separated by spaces (app ${app.id} has ${app.scopes.join(' ') || 'none'}).`,
    );
  }
  const known = new Set([baseScope, ...app.scopes]);
  const unknown = [...required, ...optional].filter((scope) => !known.has(scope));
  if (unknown.length > 0) {
    throw new SpokeEmulatorError(
      'OAUTH_UNKNOWN_SCOPE',
      `app ${app.id} does not have the scope${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; it has ${[...known].join(', ')}. Ask only for those, or add the scope with PATCH /_spoke/apps/${app.id} {"scopes": [...]}.`,
    );
  }
}

/** What the consent screen shows: the app, the portals to pick from, the scopes asked for. */
export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  optionalScope?: string | undefined;
  state?: string | undefined;
  /** The account of an install URL that names one (`/oauth/{portalId}/authorize`): the only choice. */
  portalId?: string | number | undefined;
}

export interface ConsentView {
  app: { id: number; name: string };
  portals: Portal[];
  requiredScopes: string[];
  optionalScopes: string[];
  redirectUri: string;
}

/**
 * Checks an authorize request as HubSpot does before it shows the consent screen: a known client,
 * a registered redirect URL (exact match), scopes the app has. Throws OAUTH_* otherwise.
 */
export async function checkConsent(deps: OauthDeps, request: ConsentRequest): Promise<ConsentView> {
  const app = await appByClientId(deps.store, request.clientId);
  const redirectUri = checkRedirect(app, request.redirectUri);
  const requiredScopes = splitScopes(request.scope);
  const optionalScopes = splitScopes(request.optionalScope).filter((s) => !requiredScopes.includes(s));
  checkScopes(app, requiredScopes, optionalScopes);
  const portals = await deps.store.portals.list();
  const only = request.portalId === undefined ? null : Number(request.portalId);
  if (only !== null && !portals.some((portal) => portal.id === only)) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `no portal ${String(request.portalId)} to install into; GET /_spoke/portals lists them.`,
    );
  }
  return {
    app: { id: app.id, name: app.name },
    portals: only === null ? portals : portals.filter((portal) => portal.id === only),
    requiredScopes,
    optionalScopes,
    redirectUri,
  };
}

function redirectTo(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Connect on the consent screen: an authorization code for the chosen portal (the first when none
 * is named), and the URL HubSpot sends the browser to (`redirect_uri?code=…&state=…`). Cancel: the
 * same URL with OAuth's `error=access_denied`, and no code.
 */
export async function authorize(
  deps: OauthDeps,
  request: ConsentRequest & { portalId?: number | undefined; cancel?: boolean | undefined },
): Promise<{ location: string; code: string | null }> {
  const view = await checkConsent(deps, request);
  if (request.cancel) {
    return {
      location: redirectTo(view.redirectUri, {
        error: 'access_denied',
        error_description: 'The user declined to connect the app',
        state: request.state,
      }),
      code: null,
    };
  }
  const portal =
    request.portalId === undefined
      ? view.portals[0]
      : view.portals.find((candidate) => candidate.id === request.portalId);
  if (!portal) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      request.portalId === undefined
        ? 'the emulator has no portal to install into; add one with POST /_spoke/portals.'
        : `no portal ${request.portalId}; GET /_spoke/portals lists them.`,
    );
  }
  const user = (await deps.store.users.list({ scope: portal.id, limit: 1 }))[0];
  const now = deps.now();
  const code: OauthCode = {
    code: deps.randomUUID(),
    appId: view.app.id,
    portalId: portal.id,
    userId: user?.id ?? null,
    redirectUri: view.redirectUri,
    scopes: [...view.requiredScopes, ...view.optionalScopes],
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + authorizationCodeSeconds * 1000).toISOString(),
    usedAt: null,
  };
  await deps.store.oauthCodes.insert(code.code, code, installKey(code.appId, code.portalId));
  return {
    location: redirectTo(view.redirectUri, { code: code.code, state: request.state }),
    code: code.code,
  };
}

/** The body `POST /oauth/v1/token` answers, as HubSpot's v1 token endpoint does. */
export type TokenBody = OauthTokenResponse;

/** The form fields of `POST /oauth/v1/token`. */
export interface TokenForm {
  grant_type?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
  redirect_uri?: string | undefined;
  code?: string | undefined;
  refresh_token?: string | undefined;
}

function checkSecret(app: App, secret: string | undefined): void {
  if (!secret || !app.clientSecrets.includes(secret)) {
    throw new SpokeEmulatorError(
      'OAUTH_BAD_CLIENT_SECRET',
      `${secret ? 'client_secret is not' : 'client_secret is missing; send'} the client secret of app ${app.id} (GET /_spoke/apps/${app.id} shows it).`,
    );
  }
}

async function issueAccessToken(
  deps: OauthDeps,
  owner: Pick<OauthToken, 'appId' | 'portalId' | 'userId' | 'scopes'>,
): Promise<OauthToken> {
  const now = deps.now();
  const token: OauthToken = {
    ...owner,
    token: `spoke-at-${deps.randomUUID()}`,
    kind: 'access',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + accessTokenSeconds * 1000).toISOString(),
  };
  await deps.store.oauthTokens.insert(token.token, token, installKey(token.appId, token.portalId));
  return token;
}

function tokenBody(access: OauthToken, refresh: OauthToken): TokenBody {
  return {
    token_type: 'bearer' as const,
    refresh_token: refresh.token,
    access_token: access.token,
    expires_in: accessTokenSeconds,
  };
}

/**
 * `POST /oauth/v1/token`. `authorization_code`: the code must be this app's, unused, unexpired, and
 * `redirect_uri` the one it was issued for; the exchange installs the app in the code's portal.
 * `refresh_token`: a new access token, and the same refresh token back (HubSpot does not rotate
 * them; they live until deleted or the app is uninstalled). Access tokens issued before stay valid
 * until they expire.
 */
export async function exchangeToken(deps: OauthDeps, form: TokenForm): Promise<TokenBody> {
  const grant = form.grant_type;
  if (grant !== 'authorization_code' && grant !== 'refresh_token') {
    throw new SpokeEmulatorError(
      'OAUTH_BAD_GRANT_TYPE',
      `grant_type ${grant ? JSON.stringify(grant) : 'is missing'}${grant ? ' is not one HubSpot takes' : ''}; use authorization_code (with code and redirect_uri) or refresh_token (with refresh_token).`,
    );
  }
  const app = await appByClientId(deps.store, form.client_id);
  checkSecret(app, form.client_secret);
  const { store } = deps;
  const nowIso = new Date(deps.now()).toISOString();
  if (grant === 'refresh_token') {
    const refresh = form.refresh_token ? await store.oauthTokens.get(form.refresh_token) : null;
    if (refresh?.kind !== 'refresh' || refresh.appId !== app.id) {
      throw new SpokeEmulatorError(
        'OAUTH_BAD_REFRESH_TOKEN',
        form.refresh_token
          ? `refresh_token is not one of app ${app.id}'s: it was deleted, the app was uninstalled, or it belongs to another app. Run the install flow again for a new one.`
          : 'refresh_token is missing; send the refresh token the authorization_code grant returned.',
      );
    }
    return tokenBody(await issueAccessToken(deps, refresh), refresh);
  }
  return store.serialized(async () => {
    const code = form.code ? await store.oauthCodes.get(form.code) : null;
    if (!code || code.appId !== app.id) {
      throw new SpokeEmulatorError(
        'OAUTH_BAD_AUTH_CODE',
        form.code
          ? `the code is not one the consent screen gave app ${app.id} (missing or unknown auth code); start the install again from /oauth/authorize.`
          : 'code is missing; send the code the consent screen appended to redirect_uri.',
      );
    }
    if (code.usedAt !== null) {
      throw new SpokeEmulatorError(
        'OAUTH_BAD_AUTH_CODE',
        `the code was already exchanged at ${code.usedAt}; a code is used once. Start the install again from /oauth/authorize, or refresh with the refresh token you got.`,
      );
    }
    if (Date.parse(code.expiresAt) <= deps.now()) {
      throw new SpokeEmulatorError(
        'OAUTH_EXPIRED_AUTH_CODE',
        `the code expired at ${code.expiresAt} (codes last ${authorizationCodeSeconds / 60} minutes); exchange it as soon as redirect_uri receives it, or start the install again.`,
      );
    }
    if (form.redirect_uri !== code.redirectUri) {
      throw new SpokeEmulatorError(
        'OAUTH_MISMATCH_REDIRECT_URI_AUTH_CODE',
        `redirect_uri ${form.redirect_uri ? JSON.stringify(form.redirect_uri) : 'is missing; it'} must be ${JSON.stringify(code.redirectUri)}, the one the code was issued for.`,
      );
    }
    const owner = { appId: code.appId, portalId: code.portalId, userId: code.userId, scopes: code.scopes };
    const refresh: OauthToken = {
      ...owner,
      token: `spoke-rt-${deps.randomUUID()}`,
      kind: 'refresh',
      createdAt: nowIso,
      expiresAt: null,
    };
    const key = installKey(code.appId, code.portalId);
    const before = await store.installs.get(key);
    const install: Install = {
      appId: code.appId,
      portalId: code.portalId,
      scopes: code.scopes,
      userId: code.userId,
      installedAt: before?.installedAt ?? nowIso,
      updatedAt: nowIso,
    };
    await store.write([
      store.oauthCodes.putWrite(code.code, { ...code, usedAt: nowIso }, key),
      store.oauthTokens.insertWrite(refresh.token, refresh, key),
      store.installs.putWrite(key, install, install.appId),
    ]);
    return tokenBody(await issueAccessToken(deps, owner), refresh);
  });
}

/** Why an access token is refused: unknown (never issued, or revoked by an uninstall) or expired. */
export type AccessTokenRefusal = 'unknown' | 'expired' | 'not-installed';

/** An access token resolved to what it may do, or the reason it is refused with a message to show. */
export type AccessTokenCheck =
  | {
      ok: true;
      appId: number;
      portalId: number;
      userId: number | null;
      scopes: string[];
      /** Epoch milliseconds. */
      expiresAt: number;
    }
  | { ok: false; reason: AccessTokenRefusal; message: string };

/**
 * Resolves a bearer access token for HubSpot's APIs: the app, the portal and the scopes it carries,
 * or why it is refused (the CRM API answers 401 for each reason). Refresh tokens are not access tokens.
 */
export async function resolveAccessToken(
  deps: Pick<OauthDeps, 'store' | 'now'>,
  token: string,
): Promise<AccessTokenCheck> {
  const found = token ? await deps.store.oauthTokens.get(token) : null;
  if (found?.kind !== 'access' || found.expiresAt === null) {
    return {
      ok: false,
      reason: 'unknown',
      message:
        found?.kind === 'refresh'
          ? 'this is a refresh token; exchange it at POST /oauth/v1/token (grant_type=refresh_token) for an access token.'
          : 'the access token is not one the emulator issued, or the app was uninstalled since; get one from POST /oauth/v1/token.',
    };
  }
  const expiresAt = Date.parse(found.expiresAt);
  if (expiresAt <= deps.now()) {
    return {
      ok: false,
      reason: 'expired',
      message: `the access token expired at ${found.expiresAt}; refresh it at POST /oauth/v1/token (grant_type=refresh_token).`,
    };
  }
  if (!(await deps.store.installs.get(installKey(found.appId, found.portalId)))) {
    return {
      ok: false,
      reason: 'not-installed',
      message: `app ${found.appId} is no longer installed in portal ${found.portalId}; install it again.`,
    };
  }
  return {
    ok: true,
    appId: found.appId,
    portalId: found.portalId,
    userId: found.userId,
    scopes: found.scopes,
    expiresAt,
  };
}

async function userAndDomain(store: Store, token: OauthToken) {
  const user = token.userId === null ? null : await store.users.get(token.userId);
  const portal = await store.portals.get(token.portalId);
  return {
    ...(user ? { user: user.email } : {}),
    ...(portal ? { hub_domain: portal.domain } : {}),
  };
}

/** `GET /oauth/v1/access-tokens/{token}`: HubSpot's metadata of an access token. */
export async function accessTokenInfo(deps: OauthDeps, token: string): Promise<AccessTokenInfo> {
  const check = await resolveAccessToken(deps, token);
  if (!check.ok) throw new SpokeEmulatorError('API_NOT_FOUND', check.message);
  const stored = (await deps.store.oauthTokens.get(token)) as OauthToken;
  return {
    token,
    ...(await userAndDomain(deps.store, stored)),
    scopes: stored.scopes,
    hub_id: stored.portalId,
    app_id: stored.appId,
    expires_in: Math.max(0, Math.floor((check.expiresAt - deps.now()) / 1000)),
    user_id: stored.userId ?? 0,
    token_type: 'access' as const,
  };
}

async function refreshToken(deps: OauthDeps, token: string): Promise<{ token: OauthToken; app: App }> {
  const found = await deps.store.oauthTokens.get(token);
  const app = found?.kind === 'refresh' ? await deps.store.apps.get(found.appId) : null;
  if (!found || !app) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      'the refresh token is not one the emulator issued, or it was deleted or its app uninstalled.',
    );
  }
  return { token: found, app };
}

/** `GET /oauth/v1/refresh-tokens/{token}`: HubSpot's metadata of a refresh token. */
export async function refreshTokenInfo(deps: OauthDeps, token: string): Promise<RefreshTokenInfo> {
  const found = await refreshToken(deps, token);
  return {
    token,
    ...(await userAndDomain(deps.store, found.token)),
    scopes: found.token.scopes,
    hub_id: found.token.portalId,
    client_id: clientIdOf(found.app),
    user_id: found.token.userId ?? 0,
    token_type: 'refresh' as const,
  };
}

/**
 * `DELETE /oauth/v1/refresh-tokens/{token}`: only the refresh token goes. As HubSpot documents, the
 * access tokens it gave stay valid until they expire, and the app stays installed.
 */
export async function deleteRefreshToken(deps: OauthDeps, token: string): Promise<void> {
  await refreshToken(deps, token);
  await deps.store.oauthTokens.delete(token);
}

/** Installs an app directly (no consent screen): the dev shortcut of `POST /_spoke/installs`. */
export async function installApp(
  deps: OauthDeps,
  input: { appId: number; portalId: number; scopes?: string[] | undefined },
): Promise<{ install: Install; created: boolean }> {
  const { store } = deps;
  return store.serialized(async () => {
    const app = await store.apps.get(input.appId);
    if (!app)
      throw new SpokeEmulatorError('API_NOT_FOUND', `no app ${input.appId}; GET /_spoke/apps lists them.`);
    if (!(await store.portals.get(input.portalId))) {
      throw new SpokeEmulatorError(
        'API_NOT_FOUND',
        `no portal ${input.portalId}; GET /_spoke/portals lists them.`,
      );
    }
    const scopes = input.scopes ?? app.scopes;
    checkScopes(app, scopes.length > 0 ? scopes : [baseScope], []);
    const key = installKey(app.id, input.portalId);
    const before = await store.installs.get(key);
    const nowIso = new Date(deps.now()).toISOString();
    const install: Install = {
      appId: app.id,
      portalId: input.portalId,
      scopes,
      userId: before?.userId ?? null,
      installedAt: before?.installedAt ?? nowIso,
      updatedAt: nowIso,
    };
    await store.installs.put(key, install, app.id);
    return { install, created: before === null };
  });
}

/** Uninstalls an app from a portal: the install, its codes and every token (access and refresh) go. */
export async function uninstallApp(deps: OauthDeps, appId: number, portalId: number): Promise<void> {
  const { store } = deps;
  const key = installKey(appId, portalId);
  if (!(await store.installs.get(key))) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `app ${appId} is not installed in portal ${portalId}; GET /_spoke/installs lists the installs.`,
    );
  }
  await store.write([
    store.installs.deleteWrite(key),
    store.oauthCodes.deleteScopeWrite(key),
    store.oauthTokens.deleteScopeWrite(key),
  ]);
}
