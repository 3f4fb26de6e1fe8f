import type { Database } from '../db/database.ts';
import { optionalIntColumn, textColumn } from '../db/row-values.ts';
import { defaultPortalSettings, type PortalSettings } from '../domain/portal-settings.ts';

/** Per-portal settings from the card's settings page. */
export interface SettingsRepository {
  /** The portal's settings, or the defaults when it never saved any. */
  get(portalId: number): Promise<PortalSettings>;
  /** Saves (inserts or replaces) a portal's settings. */
  save(settings: PortalSettings): Promise<PortalSettings>;
}

/** Creates the settings repository on `db`. */
export function createSettingsRepository(db: Database, now: () => number): SettingsRepository {
  return {
    async get(portalId) {
      const [row] = await db.query(
        'SELECT default_project_id, currency FROM portal_settings WHERE portal_id = ?',
        [portalId],
      );
      if (!row) return defaultPortalSettings(portalId);
      return {
        portalId,
        defaultProjectId: optionalIntColumn(row, 'default_project_id'),
        currency: textColumn(row, 'currency'),
      };
    },
    save: (settings) =>
      db.transaction(async (tx) => {
        // Both dialects speak ON CONFLICT … DO UPDATE (SQLite 3.24+, Postgres 9.5+).
        await tx.query(
          `INSERT INTO portal_settings (portal_id, default_project_id, currency, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (portal_id) DO UPDATE SET default_project_id = excluded.default_project_id,
             currency = excluded.currency, updated_at = excluded.updated_at`,
          [settings.portalId, settings.defaultProjectId, settings.currency, new Date(now()).toISOString()],
        );
        return settings;
      }),
  };
}
