import { useId, useState } from 'react';
import { type AuthorizeQuery, decideConsent, getConsent } from '../../api/oauth.ts';
import { useAsync } from '../../lib/use-async.ts';

/** The authorize request in the page's hash query (`#/oauth/authorize?client_id=…`). */
export function authorizeQueryOf(query: URLSearchParams): AuthorizeQuery {
  const optionalScope = query.get('optional_scope');
  const state = query.get('state');
  return {
    clientId: query.get('client_id') ?? '',
    redirectUri: query.get('redirect_uri') ?? '',
    scope: query.get('scope') ?? '',
    ...(optionalScope ? { optionalScope } : {}),
    ...(state !== null ? { state } : {}),
  };
}

/**
 * HubSpot's consent screen, where `/oauth/authorize` lands: which app, which portal (picked among
 * the emulator's), the required and optional scopes. Connect and Cancel send the browser to the
 * app's redirect URL, with a code or with `error=access_denied`. A request HubSpot would refuse
 * (unknown client, unregistered redirect, a scope the app lacks) shows its error and no button.
 */
export function ConsentPage({ query }: { query: URLSearchParams }) {
  const request = authorizeQueryOf(query);
  const consent = useAsync(
    (signal) => getConsent(request, query.get('portal_id'), signal),
    [query.toString()],
  );
  const [portalId, setPortalId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const portalLabel = useId();

  const decide = async (decision: { portalId: number } | { cancel: true }) => {
    setBusy(true);
    try {
      window.location.assign(await decideConsent(request, decision));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  if (consent.status === 'error') {
    return (
      <main className="consent" id="main">
        <section className="panel consent-panel" role="alert" aria-label="Couldn't complete the connection">
          <h1>Couldn't complete the connection</h1>
          <p className="error-text">{consent.error.message}</p>
          <p className="muted">HubSpot shows this page instead of sending you back to the app.</p>
        </section>
      </main>
    );
  }
  const view = consent.data;
  if (!view) {
    return (
      <main className="consent" id="main">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  const chosen = portalId ?? view.portals[0]?.id ?? null;
  return (
    <main className="consent" id="main">
      <section className="panel consent-panel" aria-label="Connect app">
        <h1>Connect {view.app.name} to your HubSpot account</h1>
        <p className="muted">
          App ID {view.app.id} · sends you back to <code>{view.redirectUri}</code>
        </p>
        <label id={portalLabel} htmlFor={`${portalLabel}-select`}>
          Account
        </label>
        <select
          id={`${portalLabel}-select`}
          value={chosen ?? ''}
          onChange={(e) => setPortalId(Number(e.target.value))}
        >
          {view.portals.map((portal) => (
            <option key={portal.id} value={portal.id}>
              {portal.name} ({portal.id})
            </option>
          ))}
        </select>
        <h2 className="section-title">This app will be able to</h2>
        <ul aria-label="Required scopes">
          {view.requiredScopes.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
            </li>
          ))}
        </ul>
        {view.optionalScopes.length > 0 ? (
          <>
            <h2 className="section-title">If your account has access</h2>
            <ul aria-label="Optional scopes">
              {view.optionalScopes.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="consent-actions">
          <button
            type="button"
            className="button button-tertiary"
            disabled={busy}
            onClick={() => void decide({ cancel: true })}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || chosen === null}
            onClick={() => chosen !== null && void decide({ portalId: chosen })}
          >
            Connect app
          </button>
        </div>
      </section>
    </main>
  );
}
