import { useState } from 'react';
import { disconnectNumber, listConnections } from '../../api/calling.ts';
import { useToast } from '../../components/Toasts.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { ConnectChannelDialog } from './ConnectChannelDialog.tsx';
import { hasOverride, overrideKey, setOverride } from './override.ts';
import { useProviders } from './use-providers.ts';

/** Help desk: connected channels, the Connect channel flow and the isReady override. */
export function HelpDeskPage() {
  const providers = useProviders();
  const [open, setOpen] = useState(false);
  const [override, setOverrideState] = useState(hasOverride);
  const [version, setVersion] = useState(0);
  const toast = useToast();
  const connections = useAsync(
    async (signal) => {
      const all = await Promise.all(
        (providers.data ?? []).map(async (p) =>
          (await listConnections(p.app.id, signal)).map((c) => ({ ...c, provider: p.name })),
        ),
      );
      return all.flat().sort((a, b) => b.connectedAt.localeCompare(a.connectedAt));
    },
    [providers.data, version],
  );

  const toggleOverride = (on: boolean) => {
    setOverride(on);
    setOverrideState(on);
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>Help desk</h1>
        <span className="spacer" />
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          Connect channel
        </button>
      </div>
      <div className="override-box">
        <label className="toggle">
          <input type="checkbox" checked={override} onChange={(e) => toggleOverride(e.target.checked)} />
          Developer override: show providers whose <code>isReady</code> is false
        </label>
        <span className="muted">
          local storage <code>{overrideKey}</code> = {override ? 'true' : 'unset'}
        </span>
      </div>
      <section className="panel" aria-label="Connected channels">
        <h2 className="panel-title">Connected calling channels</h2>
        {providers.status === 'error' ? (
          <p className="notice notice-error">{providers.error.message}</p>
        ) : null}
        {(connections.data ?? []).length === 0 ? (
          <p className="muted">No number connected yet. Use Connect channel → Calling.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Number</th>
                <th>Provider</th>
                <th>Connected</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {connections.data?.map((c) => (
                <tr key={c.id}>
                  <td>{c.friendlyName}</td>
                  <td className="number-e164">{c.e164PhoneNumber}</td>
                  <td>{c.provider}</td>
                  <td>
                    {new Date(c.connectedAt).toLocaleString('en-US', {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    })}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void disconnectNumber(c.appId, c.id).then(
                          () => setVersion((v) => v + 1),
                          (err: unknown) =>
                            toast({ tone: 'error', title: 'Could not disconnect', detail: String(err) }),
                        )
                      }
                    >
                      Disconnect
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open ? (
        <ConnectChannelDialog
          providers={providers.data ?? []}
          override={override}
          onClose={() => setOpen(false)}
          onConnected={() => setVersion((v) => v + 1)}
        />
      ) : null}
    </div>
  );
}
