import type { Database, Row } from '../db/database.ts';
import { intColumn, optionalTextColumn, textColumn } from '../db/row-values.ts';
import type { HubSpotInstall } from '../domain/hubspot-install.ts';

/** What an install or a refresh writes. */
export interface InstallTokens {
  readonly portalId: number;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** The portals the tracker is installed in and their OAuth tokens. */
export interface HubSpotInstallRepository {
  /** The portal's install (also one marked uninstalled), or null when it never installed the tracker. */
  get(portalId: number): Promise<HubSpotInstall | null>;
  /** Every install, by portal. */
  list(): Promise<HubSpotInstall[]>;
  /** Stores a (re)install: new tokens and scopes, installed again when it was marked uninstalled. */
  saveInstall(
    tokens: InstallTokens & { readonly scopes: readonly string[]; readonly hubDomain: string | null },
  ): Promise<HubSpotInstall>;
  /** Stores refreshed tokens of an installed portal; null when the portal has no install. */
  saveRefresh(tokens: InstallTokens): Promise<HubSpotInstall | null>;
  /** Marks the portal's install gone (HubSpot refused its refresh token); its tokens are cleared. */
  markUninstalled(portalId: number): Promise<void>;
}

const columns =
  'portal_id, hub_domain, access_token, refresh_token, expires_at, scopes, installed_at, updated_at, uninstalled_at';

const toInstall = (row: Row): HubSpotInstall => ({
  portalId: intColumn(row, 'portal_id'),
  hubDomain: optionalTextColumn(row, 'hub_domain'),
  accessToken: textColumn(row, 'access_token'),
  refreshToken: textColumn(row, 'refresh_token'),
  expiresAt: Date.parse(textColumn(row, 'expires_at')),
  scopes: textColumn(row, 'scopes').split(' ').filter(Boolean),
  installedAt: textColumn(row, 'installed_at'),
  updatedAt: textColumn(row, 'updated_at'),
  uninstalledAt: optionalTextColumn(row, 'uninstalled_at'),
});

/** Creates the install repository on `db`; `now` stamps installs and refreshes. */
export function createHubSpotInstallRepository(db: Database, now: () => number): HubSpotInstallRepository {
  const iso = () => new Date(now()).toISOString();
  const get = async (portalId: number) => {
    const [row] = await db.query(`SELECT ${columns} FROM hubspot_installs WHERE portal_id = ?`, [portalId]);
    return row ? toInstall(row) : null;
  };
  return {
    get,
    list: async () =>
      (await db.query(`SELECT ${columns} FROM hubspot_installs ORDER BY portal_id`)).map(toInstall),
    saveInstall: (tokens) =>
      db.transaction(async (tx) => {
        const at = iso();
        const [row] = await tx.query(
          `INSERT INTO hubspot_installs (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT (portal_id) DO UPDATE SET hub_domain = excluded.hub_domain,
             access_token = excluded.access_token, refresh_token = excluded.refresh_token,
             expires_at = excluded.expires_at, scopes = excluded.scopes, updated_at = excluded.updated_at,
             uninstalled_at = NULL
           RETURNING ${columns}`,
          [
            tokens.portalId,
            tokens.hubDomain,
            tokens.accessToken,
            tokens.refreshToken,
            new Date(tokens.expiresAt).toISOString(),
            tokens.scopes.join(' '),
            at,
            at,
          ],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toInstall(row);
      }),
    saveRefresh: (tokens) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query(
          `UPDATE hubspot_installs SET access_token = ?, refresh_token = ?, expires_at = ?, updated_at = ?
           WHERE portal_id = ? AND uninstalled_at IS NULL RETURNING ${columns}`,
          [
            tokens.accessToken,
            tokens.refreshToken,
            new Date(tokens.expiresAt).toISOString(),
            iso(),
            tokens.portalId,
          ],
        );
        return row ? toInstall(row) : null;
      }),
    markUninstalled: (portalId) =>
      db.transaction(async (tx) => {
        const at = iso();
        await tx.query(
          `UPDATE hubspot_installs SET access_token = '', refresh_token = '', updated_at = ?, uninstalled_at = ?
           WHERE portal_id = ? AND uninstalled_at IS NULL`,
          [at, at, portalId],
        );
      }),
  };
}
