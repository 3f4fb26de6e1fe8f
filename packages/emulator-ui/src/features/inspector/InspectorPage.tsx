import { useEffect, useMemo, useState } from 'react';
import { getExchange } from '../../api/requests.ts';
import type { Exchange } from '../../api/types.ts';
import { type UiEvent, useUiEvents } from '../../components/UiEvents.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { ExchangeDetail } from './ExchangeDetail.tsx';
import { useStream } from './use-exchange-stream.ts';

type Row =
  | { type: 'exchange'; at: number; seq: number; exchange: Exchange }
  | { type: 'ui'; at: number; seq: number; event: UiEvent };

function rowText(row: Row): string {
  if (row.type === 'ui')
    return `${row.event.kind} ${row.event.summary} ${row.event.detail ?? ''} ${row.event.flag ?? ''}`;
  const e = row.exchange;
  return `${e.kind} ${e.request.method} ${e.request.url} ${e.reply?.status ?? ''} ${e.error?.code ?? ''} ${e.appId} ${Object.values(e.context).join(' ')}`;
}

function ExchangeRow({ exchange, current }: { exchange: Exchange; current: boolean }) {
  return (
    <a
      href={hrefFor(['inspector', exchange.id])}
      className="exchange-row"
      aria-current={current ? 'true' : undefined}
    >
      <span className="method">{exchange.request.method}</span>
      <span className="url" title={exchange.request.url}>
        {exchange.request.url}
      </span>
      <span className="status">
        <span className={`pill ${exchange.outcome === 'ok' ? 'pill-ok' : 'pill-error'}`}>
          {exchange.reply?.status ?? 'ERR'}
        </span>
        <br />
        <span className="muted">{exchange.timing.totalMs} ms</span>
      </span>
      <span className="kind">
        {exchange.kind}
        {exchange.replayOf ? ' · replay' : ''}
        {exchange.retryOf ? ' · retry' : ''}
        {exchange.error ? ` · ${exchange.error.code}` : ''}
      </span>
    </a>
  );
}

function UiEventRow({ event, current }: { event: UiEvent; current: boolean }) {
  return (
    <a
      href={hrefFor(['inspector', event.id])}
      className="exchange-row"
      aria-current={current ? 'true' : undefined}
    >
      <span className="method">UI</span>
      <span className="url" title={event.summary}>
        {event.summary}
      </span>
      <span className="status">
        <span className={`pill ${event.flag ? 'pill-warn' : 'pill-ui'}`}>
          {event.flag ? '⚠ flagged' : 'action'}
        </span>
      </span>
      <span className="kind">{event.kind}</span>
    </a>
  );
}

function UiEventDetail({ event }: { event: UiEvent }) {
  return (
    <article aria-label="Browser event detail">
      <header className="detail-header">
        <h2>{event.summary}</h2>
      </header>
      <p className="muted">
        {event.kind} · {new Date(event.at).toLocaleString('en-US')} · seen in this browser, not sent over the
        wire
      </p>
      {event.flag ? (
        <p className="notice notice-error" role="alert">
          ⚠ {event.flag}
        </p>
      ) : null}
      {event.detail ? (
        <section className="detail-section" aria-label="Data">
          <h3>Data</h3>
          <div className="body">
            <pre>{event.detail}</pre>
          </div>
        </section>
      ) : null}
    </article>
  );
}

/** The inspector: every request and browser action, live and filterable, with a detail view. */
export function InspectorPage({ selectedId }: { selectedId: string | null }) {
  const stream = useStream();
  const { events } = useUiEvents();
  const [text, setText] = useState('');
  const [kind, setKind] = useState('all');
  const [outcome, setOutcome] = useState('all');
  const { markSeen, unseenErrors } = stream;
  useEffect(() => {
    if (unseenErrors > 0) markSeen();
  }, [unseenErrors, markSeen]);

  const rows = useMemo(() => {
    const all: Row[] = [
      ...stream.exchanges.map(
        (exchange): Row => ({ type: 'exchange', at: exchange.startedAt, seq: 0, exchange }),
      ),
      ...events.map((event): Row => ({ type: 'ui', at: event.at, seq: event.seq, event })),
    ];
    const needle = text.trim().toLowerCase();
    return all
      .filter((row) => {
        if (kind === 'ui' && row.type !== 'ui') return false;
        if (kind !== 'all' && kind !== 'ui' && (row.type !== 'exchange' || row.exchange.kind !== kind))
          return false;
        if (
          outcome === 'error' &&
          !(row.type === 'exchange' ? row.exchange.outcome === 'error' : row.event.flag)
        ) {
          return false;
        }
        if (outcome === 'ok' && (row.type === 'exchange' ? row.exchange.outcome !== 'ok' : row.event.flag))
          return false;
        return needle === '' || rowText(row).toLowerCase().includes(needle);
      })
      .sort((a, b) => b.at - a.at || b.seq - a.seq);
  }, [stream.exchanges, events, text, kind, outcome]);

  const kinds = useMemo(() => [...new Set(stream.exchanges.map((e) => e.kind))].sort(), [stream.exchanges]);
  const uiEvent = selectedId?.startsWith('ui-') ? events.find((e) => e.id === selectedId) : undefined;
  const inList = stream.exchanges.find((e) => e.id === selectedId);
  const fetched = useAsync(
    async (signal) =>
      selectedId && !selectedId.startsWith('ui-') && !inList ? getExchange(selectedId, signal) : null,
    [selectedId, inList === undefined],
  );
  const selected = inList ?? fetched.data ?? null;

  return (
    <div className="inspector">
      <section className="inspector-list" aria-label="Requests">
        <div className="inspector-filters">
          <input
            type="search"
            aria-label="Filter requests"
            placeholder="Filter: URL, kind, code…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="all">All kinds</option>
            <option value="ui">Browser actions</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="all">Any outcome</option>
            <option value="ok">OK</option>
            <option value="error">Failed / flagged</option>
          </select>
        </div>
        <div className="exchange-list" aria-live="polite">
          {rows.map((row) =>
            row.type === 'exchange' ? (
              <ExchangeRow
                key={row.exchange.id}
                exchange={row.exchange}
                current={row.exchange.id === selectedId}
              />
            ) : (
              <UiEventRow key={row.event.id} event={row.event} current={row.event.id === selectedId} />
            ),
          )}
          {rows.length === 0 ? (
            <p className="empty">No requests yet. Open a record page to send some.</p>
          ) : null}
        </div>
      </section>
      <section className="inspector-detail" aria-label="Detail">
        {uiEvent ? <UiEventDetail event={uiEvent} /> : null}
        {selected ? <ExchangeDetail exchange={selected} /> : null}
        {!uiEvent && !selected ? (
          <p className="empty">
            {fetched.status === 'error'
              ? fetched.error.message
              : 'Pick a request to see its headers, body, reply, timing and signature.'}
          </p>
        ) : null}
      </section>
    </div>
  );
}
