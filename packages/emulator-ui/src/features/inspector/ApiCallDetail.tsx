import type { ApiCall } from '../../api/types.ts';
import { Headers, pretty, Section } from './ExchangeDetail.tsx';

/** Who made the call, as the list and the detail say it. */
export function apiCallParties(call: Pick<ApiCall, 'appId' | 'portalId'>): string {
  const app = call.appId === null ? 'unknown app' : `app ${call.appId}`;
  return call.portalId === null ? app : `${app} · portal ${call.portalId}`;
}

/** One call an app made to HubSpot's side in full: who, the error, the request and the reply, secrets redacted. */
export function ApiCallDetail({ call }: { call: ApiCall }) {
  return (
    <article aria-label="API call detail">
      <header className="detail-header">
        <div className="detail-toolbar">
          <span className={`pill ${call.outcome === 'ok' ? 'pill-ok' : 'pill-error'}`}>
            {call.reply.status} · {call.outcome}
          </span>
          <span className="code-chip">{call.kind}</span>
          <span className="direction-label">app → HubSpot</span>
        </div>
        <h2>
          {call.request.method} {call.request.url}
        </h2>
        <p className="muted">
          {apiCallParties(call)} · {new Date(call.startedAt).toLocaleString('en-US')} · {call.timing.totalMs}{' '}
          ms
          {call.error?.correlationId ? ` · correlation ${call.error.correlationId}` : ''}
        </p>
        <p className="muted">
          A call the app made to the emulator. Client secrets, codes, tokens and API keys are kept only as
          their first characters and …
        </p>
      </header>
      {call.error ? (
        <p className="notice notice-error" role="alert">
          {call.error.code ? <span className="code-chip">{call.error.code}</span> : null} {call.error.message}
        </p>
      ) : null}
      <Section title="Request">
        <Headers headers={call.request.headers} />
        <pre>{pretty(call.request.body)}</pre>
        {call.request.truncated ? <span className="flag">body truncated</span> : null}
      </Section>
      <Section title="Reply">
        <p>
          Status <strong>{call.reply.status}</strong>
          {call.reply.truncated ? <span className="flag">body truncated</span> : null}
        </p>
        <Headers headers={call.reply.headers} />
        <pre>{pretty(call.reply.body)}</pre>
      </Section>
    </article>
  );
}
