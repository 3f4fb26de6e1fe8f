import { useState } from 'react';
import { replayExchange } from '../../api/requests.ts';
import type { Exchange } from '../../api/types.ts';
import { StatusReason, statusFailure } from '../../components/StatusReason.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { hrefFor, navigate } from '../../lib/use-hash-route.ts';
import { SignaturePanel } from './SignaturePanel.tsx';
import { TimingBar } from './TimingBar.tsx';
import { useStream } from './use-exchange-stream.ts';

/** A body as the inspector shows it: JSON indented, anything else as it came. */
export function pretty(body: string): string {
  if (body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Header names and values, as sent. */
export function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="muted">No headers.</p>;
  return (
    <dl className="headers">
      {entries.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled part of a request's detail. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="detail-section" aria-label={title}>
      <h3>{title}</h3>
      <div className="body">{children}</div>
    </section>
  );
}

/**
 * The main failure. An error status is laid out in the order that explains it: the status, what
 * the service said, where a redirect goes, the URL, the advice; other errors (and exchanges logged
 * before these fields existed) show their message.
 */
function ErrorNotice({ error, method }: { error: NonNullable<Exchange['error']>; method: string }) {
  const http = statusFailure(error);
  if (!http) {
    return (
      <p className="notice notice-error" role="alert">
        <span className="code-chip">{error.code}</span> {error.message}
      </p>
    );
  }
  return (
    <div className="notice notice-error status-notice" role="alert">
      <StatusReason code={error.code} http={http} method={method} />
    </div>
  );
}

/** One logged request in full: verdicts, timing, signature, request, reply, schema errors, Replay. */
export function ExchangeDetail({ exchange }: { exchange: Exchange }) {
  const [replaying, setReplaying] = useState(false);
  const toast = useToast();
  const { add } = useStream();
  const replay = async (timestamp: 'fresh' | 'original') => {
    setReplaying(true);
    try {
      const replayed = await replayExchange(exchange.id, timestamp);
      add([replayed]);
      toast({
        tone: replayed.outcome === 'ok' ? 'success' : 'error',
        title: `Replayed with ${timestamp === 'fresh' ? 'a fresh' : 'the original'} timestamp`,
        detail: replayed.reply
          ? `Service answered ${replayed.reply.status}${replayed.error?.reason ? `: ${replayed.error.reason}` : ''}`
          : (replayed.error?.message ?? ''),
      });
      navigate(['inspector', replayed.id]);
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Replay failed',
        detail: err instanceof Error ? err.message : String(err),
      });
    } finally {
      setReplaying(false);
    }
  };
  const problems = exchange.verdicts.filter((v) => v.severity !== 'info');
  const notes = exchange.verdicts.filter((v) => v.severity === 'info');

  return (
    <article aria-label="Request detail">
      <header className="detail-header">
        <div className="detail-toolbar">
          <span className={`pill ${exchange.outcome === 'ok' ? 'pill-ok' : 'pill-error'}`}>
            {exchange.reply ? exchange.reply.status : 'no reply'} · {exchange.outcome}
          </span>
          <span className="code-chip">{exchange.kind}</span>
          <span className="spacer" />
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={replaying}
            onClick={() => void replay('fresh')}
          >
            Replay (fresh timestamp)
          </button>
          <button
            type="button"
            className="button button-tertiary button-small"
            disabled={replaying}
            onClick={() => void replay('original')}
          >
            Replay (original timestamp)
          </button>
        </div>
        <h2>
          {exchange.request.method} {exchange.request.url}
        </h2>
        {exchange.request.signedUrl ? (
          <p className="signed-for">
            Signed for <code>{exchange.request.signedUrl}</code>, the app's public URL; delivered to the URL
            above, as through a tunnel.
          </p>
        ) : null}
        <p className="muted">
          App {exchange.appId} · {new Date(exchange.startedAt).toLocaleString('en-US')} · correlation{' '}
          {exchange.correlationId}
          {exchange.replayOf ? (
            <>
              {' '}
              · replay of{' '}
              <a href={hrefFor(['inspector', exchange.replayOf])}>{exchange.replayOf.slice(0, 8)}</a>
            </>
          ) : null}
          {exchange.retryOf ? (
            <>
              {' '}
              · hubspot.fetch retry of{' '}
              <a href={hrefFor(['inspector', exchange.retryOf])}>{exchange.retryOf.slice(0, 8)}</a>
            </>
          ) : null}
        </p>
      </header>
      {exchange.error ? <ErrorNotice error={exchange.error} method={exchange.request.method} /> : null}
      <Section title="Timing">
        <TimingBar timing={exchange.timing} />
      </Section>
      {problems.length > 0 || notes.length > 0 || exchange.schemaIssues.length > 0 ? (
        <Section title="Verdicts">
          <ul className="verdicts">
            {problems.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: verdicts keep the dispatcher's order
              <li key={`p${i}`} className="verdict">
                <span className={`pill ${v.severity === 'error' ? 'pill-error' : 'pill-warn'}`}>
                  {v.severity}
                </span>{' '}
                <span className="code-chip">{v.code}</span> {v.message}{' '}
                {v.path ? <code>{v.path}</code> : null}
              </li>
            ))}
            {notes.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: verdicts keep the dispatcher's order
              <li key={`n${i}`} className="verdict">
                {v.code === 'DISPATCH_PROPERTY_NOT_SENT' ? (
                  <span className="pill pill-ui">note</span>
                ) : (
                  <span className="pill pill-ok">ok</span>
                )}{' '}
                <span className="code-chip">{v.code}</span> {v.message}
              </li>
            ))}
          </ul>
          {exchange.schemaIssues.length > 0 ? (
            <>
              <h4 className="section-title">Schema errors</h4>
              <ul className="verdicts" aria-label="Schema errors">
                {exchange.schemaIssues.map((issue, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues keep the validator's order
                  <li key={i} className="verdict">
                    <code>{issue.path}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      ) : null}
      <Section title="Signature">
        <SignaturePanel signature={exchange.signature} />
      </Section>
      <Section title="Request">
        <Headers headers={exchange.request.headers} />
        <pre>{pretty(exchange.request.body)}</pre>
      </Section>
      <Section title="Reply">
        {exchange.reply ? (
          <>
            <p>
              Status <strong>{exchange.reply.status}</strong>
              {exchange.reply.truncated ? <span className="flag">body truncated</span> : null}
            </p>
            <Headers headers={exchange.reply.headers} />
            <pre>{pretty(exchange.reply.body)}</pre>
          </>
        ) : (
          <p className="muted">No reply.</p>
        )}
      </Section>
      {Object.keys(exchange.context).length > 0 ? (
        <Section title="Context">
          <dl className="headers">
            {Object.entries(exchange.context).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v === null ? '—' : String(v)}</dd>
              </div>
            ))}
          </dl>
        </Section>
      ) : null}
    </article>
  );
}
