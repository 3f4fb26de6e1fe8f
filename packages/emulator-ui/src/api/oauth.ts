import { api } from './http.ts';
import type { App, ConsentView, Install } from './types.ts';

/** What `/oauth/authorize` carried: HubSpot's query parameters. */
export interface AuthorizeQuery {
  clientId: string;
  redirectUri: string;
  scope: string;
  optionalScope?: string;
  state?: string;
}

/** The app, portals and scopes of an authorize request; refused (4xx) as HubSpot would refuse it. */
export function getConsent(
  query: AuthorizeQuery,
  /** The account an install URL named (`/oauth/{portalId}/authorize`): the only one offered. */
  portalId: string | null,
  signal?: AbortSignal,
): Promise<ConsentView> {
  const params = new URLSearchParams({
    client_id: query.clientId,
    redirect_uri: query.redirectUri,
    scope: query.scope,
    ...(query.optionalScope ? { optional_scope: query.optionalScope } : {}),
    ...(portalId ? { portal_id: portalId } : {}),
  });
  return api<ConsentView>(`/_spoke/oauth/consent?${params}`, signal ? { signal } : {});
}

/** Connect (a code for `portalId`) or Cancel: the URL HubSpot sends the browser to. */
export async function decideConsent(
  query: AuthorizeQuery,
  decision: { portalId: number } | { cancel: true },
): Promise<string> {
  const body = { ...query, ...decision };
  return (await api<{ location: string }>('/_spoke/oauth/authorize', { method: 'POST', body })).location;
}

/** Every install: which app is installed in which portal, with which scopes. */
export async function listInstalls(signal?: AbortSignal): Promise<Install[]> {
  return (await api<{ results: Install[] }>('/_spoke/installs', signal ? { signal } : {})).results;
}

/** Installs an app directly (no consent screen), with every scope it has. */
export function installApp(appId: number, portalId: number): Promise<Install> {
  return api<Install>('/_spoke/installs', { method: 'POST', body: { appId, portalId } });
}

/** Uninstalls: the install and every token of it go. */
export async function uninstallApp(appId: number, portalId: number): Promise<void> {
  await api<undefined>(`/_spoke/installs/${appId}/${portalId}`, { method: 'DELETE' });
}

/** Replaces the app's OAuth redirect URLs (`[]` removes them). */
export function updateRedirectUrls(appId: number, redirectUrls: string[]): Promise<App> {
  return api<App>(`/_spoke/apps/${appId}`, { method: 'PATCH', body: { redirectUrls } });
}
