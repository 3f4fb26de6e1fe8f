import { SpokeEmulatorError } from '../errors.ts';
import { installKey } from '../oauth/oauth-server.ts';
import type { App, Portal } from '../store/entities.ts';
import type { Store } from '../store/store.ts';

/** Why a surface does not reach an app in a portal: not installed there, or installed without a scope it needs. */
export interface InstallRefusal {
  appId: number;
  appName: string;
  portalId: number;
  reason: 'not-installed' | 'missing-scopes';
  /** The scopes the surface needs that the install was not granted (empty when not installed). */
  missingScopes: string[];
  message: string;
}

/**
 * Whether `app` is installed in `portal` with every scope of `needed`, as HubSpot decides which
 * apps a portal's record pages, Share Via and help desk reach. null when it is. Reads the installs
 * table's cache, so it costs no SQL on a record open. Decision 0013 explains which installs exist.
 */
export async function installRefusal(
  store: Store,
  app: Pick<App, 'id' | 'name'>,
  portal: Pick<Portal, 'id'>,
  needed: readonly string[] = [],
): Promise<InstallRefusal | null> {
  const install = await store.installs.get(installKey(app.id, portal.id));
  const where = `app ${app.id} (${app.name}) in portal ${portal.id}`;
  if (!install) {
    return {
      appId: app.id,
      appName: app.name,
      portalId: portal.id,
      reason: 'not-installed',
      missingScopes: [],
      message: `${where}: not installed, so HubSpot would not reach it here. Install it through /oauth/authorize, the Apps screen or POST /_spoke/installs {"appId": ${app.id}, "portalId": ${portal.id}}.`,
    };
  }
  const missing = needed.filter((scope) => !install.scopes.includes(scope));
  if (missing.length === 0) return null;
  return {
    appId: app.id,
    appName: app.name,
    portalId: portal.id,
    reason: 'missing-scopes',
    missingScopes: missing,
    message: `${where}: installed without ${missing.join(', ')}, which this needs. Install it again asking for ${missing.length > 1 ? 'them' : 'it'} (the consent screen, or POST /_spoke/installs {"appId": ${app.id}, "portalId": ${portal.id}, "scopes": [...]}).`,
  };
}

/** Throws when a surface does not reach the app in the portal: 409 API_NOT_INSTALLED or 403 API_MISSING_SCOPES. */
export async function requireInstalled(
  store: Store,
  app: Pick<App, 'id' | 'name'>,
  portal: Pick<Portal, 'id'>,
  needed: readonly string[] = [],
): Promise<void> {
  const refusal = await installRefusal(store, app, portal, needed);
  if (refusal) {
    throw new SpokeEmulatorError(
      refusal.reason === 'not-installed' ? 'API_NOT_INSTALLED' : 'API_MISSING_SCOPES',
      refusal.message,
    );
  }
}
