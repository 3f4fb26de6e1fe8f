import { useState } from 'react';
import { getCallingSettings, getChannelConnection, listCards } from '../../api/apps.ts';
import type { App } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';
import { AppInstalls } from './AppInstalls.tsx';
import { AppSettings } from './AppSettings.tsx';
import { RedirectUrlsSetting } from './RedirectUrlsSetting.tsx';

/** One app as an integrator configured it: secret, public URL, request shape, cards, calling, channel connection, Share Via. */
export function AppDetails({ app, onChanged = () => {} }: { app: App; onChanged?: () => void }) {
  const [reveal, setReveal] = useState(false);
  const config = useAsync(
    async (signal) => {
      const [cards, calling, channel] = await Promise.all([
        listCards(app, signal),
        getCallingSettings(app, signal),
        getChannelConnection(app, signal),
      ]);
      return { cards, calling, channel };
    },
    [app.id, app.updatedAt],
  );
  const secret = app.clientSecrets[0] ?? '';
  return (
    <section className="panel" aria-label={app.name}>
      <div className="panel-title">
        <span className="app-logo" aria-hidden="true">
          {Array.from(app.name)[0]?.toUpperCase()}
        </span>
        <div>
          <h2>{app.name}</h2>
          <span className="muted">App ID {app.id}</span>
        </div>
      </div>
      <dl className="kv">
        <dt>Client secret</dt>
        <dd>
          <span className="secret">{reveal ? secret : `${secret.slice(0, 4)}••••••••••••`}</span>{' '}
          <button type="button" className="link-button" onClick={() => setReveal(!reveal)}>
            {reveal ? 'Hide' : 'Show'}
          </button>
          {app.clientSecrets.length > 1 ? (
            <span className="muted"> (+{app.clientSecrets.length - 1} older)</span>
          ) : null}
        </dd>
        <dt>Developer API key</dt>
        <dd className="secret">{app.developerApiKey}</dd>
        <dt>Client ID</dt>
        <dd className="secret">{app.clientId}</dd>
        <dt>Scopes</dt>
        <dd>{app.scopes.length ? app.scopes.join(', ') : '—'}</dd>
        <AppSettings app={app} onSaved={onChanged} />
        <RedirectUrlsSetting app={app} onSaved={onChanged} />
        <dt>Share Via target</dt>
        <dd>
          {app.shareViaTargetUrl ?? <span className="muted">not set</span>}
          {app.shareViaTargetUrl ? <span className="muted"> ({app.shareViaShape} shape)</span> : null}
        </dd>
        <dt>Calling settings</dt>
        <dd>
          {config.data?.calling ? (
            <>
              {config.data.calling.name} · {config.data.calling.url}
              {config.data.calling.isReady === false ? <span className="muted"> (not ready)</span> : null}
            </>
          ) : (
            <span className="muted">{config.status === 'loading' ? '…' : 'none'}</span>
          )}
        </dd>
        <dt>Channel connection</dt>
        <dd>
          {config.data?.channel ? (
            <>
              {config.data.channel.url}{' '}
              <span className={`pill ${config.data.channel.isReady ? 'pill-ok' : 'pill-warn'}`}>
                {config.data.channel.isReady ? 'isReady' : 'isReady=false'}
              </span>
            </>
          ) : (
            <span className="muted">{config.status === 'loading' ? '…' : 'none'}</span>
          )}
        </dd>
      </dl>
      <h3 className="section-title">CRM cards ({config.data?.cards.length ?? 0})</h3>
      {config.status === 'error' ? <p className="error-text">{config.error.message}</p> : null}
      {config.data && config.data.cards.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Objects</th>
              <th>Data fetch URL</th>
              <th>Properties</th>
            </tr>
          </thead>
          <tbody>
            {config.data.cards.map((card) => (
              <tr key={card.id}>
                <td>
                  <strong>{card.title}</strong>
                  <div className="muted">#{card.id}</div>
                </td>
                <td>{card.fetch.objectTypes.map((t) => t.name).join(', ')}</td>
                <td className="secret">
                  {card.fetch.targetUrl}
                  {app.cardPublicUrls?.[card.id] ? (
                    <div className="muted">
                      signed for {app.cardPublicUrls[card.id]} (this card's public URL)
                    </div>
                  ) : null}
                </td>
                <td>{card.display.properties.map((p) => `${p.label} (${p.dataType})`).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {config.data && config.data.cards.length === 0 ? <p className="muted">No cards defined.</p> : null}
      <AppInstalls app={app} />
    </section>
  );
}
