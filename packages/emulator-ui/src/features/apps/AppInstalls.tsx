import { useState } from 'react';
import { listPortals } from '../../api/apps.ts';
import { installApp, listInstalls, uninstallApp } from '../../api/oauth.ts';
import type { App } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';

/**
 * Where an app is installed: one row per portal, with the scopes granted and when, and Install
 * (every scope of the app, no consent screen) or Uninstall (its tokens stop working).
 */
export function AppInstalls({ app }: { app: App }) {
  const loaded = useAsync(
    async (signal) => {
      const [portals, installs] = await Promise.all([listPortals(signal), listInstalls(signal)]);
      return { portals, installs };
    },
    [app.id, app.updatedAt],
  );
  const portals = loaded.data?.portals ?? [];
  const installs = loaded.data?.installs ?? [];
  const onChanged = loaded.reload;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (job: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await job();
      setError(null);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h3 className="section-title">Installs</h3>
      <table className="table installs-table" aria-label={`Installs of ${app.name}`}>
        <thead>
          <tr>
            <th>Portal</th>
            <th>Scopes</th>
            <th>Installed</th>
            <th>
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {portals.map((portal) => {
            const install = installs.find((i) => i.appId === app.id && i.portalId === portal.id);
            return (
              <tr key={portal.id}>
                <td>
                  {portal.name} <span className="muted">({portal.id})</span>
                </td>
                <td>
                  {install ? install.scopes.join(', ') || '—' : <span className="muted">not installed</span>}
                </td>
                <td>{install ? new Date(install.installedAt).toLocaleString() : '—'}</td>
                <td>
                  {install ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => void run(() => uninstallApp(app.id, portal.id))}
                    >
                      Uninstall
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => void run(() => installApp(app.id, portal.id))}
                    >
                      Install
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(error ?? (loaded.status === 'error' ? loaded.error.message : null)) ? (
        <p className="error-text" role="alert">
          {error ?? loaded.error?.message}
        </p>
      ) : null}
    </>
  );
}
