import { useState } from 'react';
import { listApps } from '../../api/apps.ts';
import { useAsync } from '../../lib/use-async.ts';
import { type Report, reports } from './reports.ts';
import { ShareDialog } from './ShareDialog.tsx';
import { SharesHistory } from './SharesHistory.tsx';

/** Reports: the portal's reports with Actions → Share via, and the history of shares. */
export function ReportsPage() {
  const apps = useAsync((signal) => listApps(signal), []);
  const [menu, setMenu] = useState<number | null>(null);
  const [sharing, setSharing] = useState<Report | null>(null);
  const [version, setVersion] = useState(0);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Reports</h1>
      </div>
      <section className="panel" aria-label="Reports list">
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Dashboard</th>
              <th>Owner</th>
              <th>Last updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.id}>
                <td>
                  <strong>{report.name}</strong>
                </td>
                <td>{report.dashboard}</td>
                <td>{report.owner}</td>
                <td>{report.updated}</td>
                <td>
                  <div className="menu report-row-actions">
                    <button
                      type="button"
                      className="button button-tertiary button-small"
                      aria-expanded={menu === report.id}
                      aria-label={`Actions for ${report.name}`}
                      onClick={() => setMenu(menu === report.id ? null : report.id)}
                    >
                      Actions ▾
                    </button>
                    {menu === report.id ? (
                      <div className="menu-list menu-right">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            setMenu(null);
                            setSharing(report);
                          }}
                        >
                          Share via
                        </button>
                      </div>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SharesHistory apps={apps.data ?? []} version={version} />
      {sharing ? (
        <ShareDialog
          report={sharing}
          apps={apps.data ?? []}
          onClose={() => setSharing(null)}
          onShared={() => setVersion((v) => v + 1)}
        />
      ) : null}
    </div>
  );
}
