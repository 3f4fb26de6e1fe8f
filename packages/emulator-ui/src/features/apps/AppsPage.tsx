import { listApps } from '../../api/apps.ts';
import { useAsync } from '../../lib/use-async.ts';
import { AppDetails } from './AppDetails.tsx';
import { FaultsPanel } from './FaultsPanel.tsx';
import { PlatformPanel } from './PlatformPanel.tsx';

/** Apps: what each app configured, the platform mode and the fault switches. */
export function AppsPage() {
  const apps = useAsync((signal) => listApps(signal), []);
  return (
    <div className="page">
      <div className="page-header">
        <h1>Apps</h1>
        <span className="spacer" />
        <button type="button" className="button button-tertiary" onClick={apps.reload}>
          Reload
        </button>
      </div>
      <div className="apps-grid">
        <div>
          {apps.status === 'error' ? <p className="notice notice-error">{apps.error.message}</p> : null}
          {apps.data?.map((app) => (
            <AppDetails key={app.id} app={app} onChanged={apps.reload} />
          ))}
          {apps.data && apps.data.length === 0 ? (
            <p className="panel empty">No apps yet: run `spoke push` or POST /_spoke/apps.</p>
          ) : null}
        </div>
        <div>
          <PlatformPanel />
          <FaultsPanel apps={apps.data ?? []} />
        </div>
      </div>
    </div>
  );
}
