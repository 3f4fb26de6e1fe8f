import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { getExchange } from '../../api/requests.ts';
import type { ApiCall, Exchange } from '../../api/types.ts';
import { type UiEvent, useUiEvents } from '../../components/UiEvents.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { ApiCallDetail, apiCallParties } from './ApiCallDetail.tsx';
import { ExchangeDetail } from './ExchangeDetail.tsx';
import { useStream } from './use-exchange-stream.ts';

type Row =
  | { type: 'exchange'; at: number; seq: number; exchange: Exchange }
  | { type: 'api-call'; at: number; seq: number; call: ApiCall }
  | { type: 'ui'; at: number; seq: number; event: UiEvent };

/** Which side of the log to show: the platform's calls to apps (and the browser actions behind them), the apps' API calls, or both. */
type Direction = 'all' | 'outbound' | 'inbound';
const directions: readonly { value: Direction; label: string; title: string }[] = [
  { value: 'all', label: 'All', title: 'Everything, on one timeline' },
  { value: 'outbound', label: 'Webhooks', title: 'HubSpot → app: card fetches, action hooks, Share Via…' },
  { value: 'inbound', label: 'API calls', title: 'App → HubSpot: OAuth, the CRM API, the developer API' },
];

function rowText(row: Row): string {
  if (row.type === 'ui')
    return `${row.event.kind} ${row.event.summary} ${row.event.detail ?? ''} ${row.event.flag ?? ''}`;
  if (row.type === 'api-call') {
    const c = row.call;
    return `${c.kind} ${c.request.method} ${c.request.url} ${c.reply.status} ${c.error?.code ?? ''} ${c.appId ?? ''} ${c.portalId ?? ''} inbound`;
  }
  const e = row.exchange;
  return `${e.kind} ${e.request.method} ${e.request.url} ${e.reply?.status ?? ''} ${e.error?.code ?? ''} ${e.appId} ${Object.values(e.context).join(' ')}`;
}

/**
 * One request in the list, a webhook or an API call alike: method, URL, status and time, then
 * `children`, the line that says what it was.
 */
function RequestRow({
  request,
  status,
  current,
  inbound = false,
  children,
}: {
  request: Pick<Exchange | ApiCall, 'id' | 'request' | 'outcome' | 'timing'>;
  status: number | string;
  current: boolean;
  inbound?: boolean;
  children: ReactNode;
}) {
  return (
    <a
      href={hrefFor(['inspector', request.id])}
      className={inbound ? 'exchange-row exchange-row-inbound' : 'exchange-row'}
      aria-current={current ? 'true' : undefined}
    >
      <span className="method">{request.request.method}</span>
      <span className="url" title={request.request.url}>
        {request.request.url}
      </span>
      <span className="status">
        <span className={`pill ${request.outcome === 'ok' ? 'pill-ok' : 'pill-error'}`}>{status}</span>
        <br />
        <span className="muted">{request.timing.totalMs} ms</span>
      </span>
      <span className="kind">{children}</span>
    </a>
  );
}

function ExchangeRow({ exchange, current }: { exchange: Exchange; current: boolean }) {
  return (
    <RequestRow request={exchange} status={exchange.reply?.status ?? 'ERR'} current={current}>
      {exchange.kind}
      {exchange.replayOf ? ' · replay' : ''}
      {exchange.retryOf ? ' · retry' : ''}
      {exchange.error ? ` · ${exchange.error.code}` : ''}
    </RequestRow>
  );
}

function ApiCallRow({ call, current }: { call: ApiCall; current: boolean }) {
  return (
    <RequestRow request={call} status={call.reply.status} current={current} inbound>
      <span className="direction-label">app → HubSpot</span> {call.kind} · {apiCallParties(call)} ·{' '}
      {new Date(call.startedAt).toLocaleTimeString('en-US')}
      {call.error?.code ? ` · ${call.error.code}` : ''}
    </RequestRow>
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
  const [direction, setDirection] = useState<Direction>('all');
  const { markSeen, unseenErrors } = stream;
  useEffect(() => {
    if (unseenErrors > 0) markSeen();
  }, [unseenErrors, markSeen]);

  const rows = useMemo(() => {
    const all: Row[] = [
      ...stream.exchanges.map(
        (exchange): Row => ({ type: 'exchange', at: exchange.startedAt, seq: 0, exchange }),
      ),
      ...stream.apiCalls.map((call): Row => ({ type: 'api-call', at: call.startedAt, seq: 0, call })),
      ...events.map((event): Row => ({ type: 'ui', at: event.at, seq: event.seq, event })),
    ];
    const kindOf = (row: Row) =>
      row.type === 'exchange' ? row.exchange.kind : row.type === 'api-call' ? row.call.kind : 'ui';
    const failed = (row: Row) =>
      row.type === 'exchange'
        ? row.exchange.outcome === 'error'
        : row.type === 'api-call'
          ? row.call.outcome === 'error'
          : Boolean(row.event.flag);
    const needle = text.trim().toLowerCase();
    return all
      .filter((row) => {
        if (direction === 'inbound' && row.type !== 'api-call') return false;
        if (direction === 'outbound' && row.type === 'api-call') return false;
        if (kind !== 'all' && kindOf(row) !== kind) return false;
        if (outcome === 'error' && !failed(row)) return false;
        if (outcome === 'ok' && failed(row)) return false;
        return needle === '' || rowText(row).toLowerCase().includes(needle);
      })
      .sort((a, b) => b.at - a.at || b.seq - a.seq);
  }, [stream.exchanges, stream.apiCalls, events, text, kind, outcome, direction]);

  const kinds = useMemo(
    () => [...new Set([...stream.exchanges, ...stream.apiCalls].map((e) => e.kind))].sort(),
    [stream.exchanges, stream.apiCalls],
  );
  const uiEvent = selectedId?.startsWith('ui-') ? events.find((e) => e.id === selectedId) : undefined;
  const inList =
    stream.exchanges.find((e) => e.id === selectedId) ?? stream.apiCalls.find((c) => c.id === selectedId);
  const fetched = useAsync(
    async (signal) =>
      selectedId && !selectedId.startsWith('ui-') && !inList ? getExchange(selectedId, signal) : null,
    [selectedId, inList === undefined],
  );
  const selected = inList ?? fetched.data ?? null;

  return (
    <div className="inspector">
      <section className="inspector-list" aria-label="Requests">
        <div className="inspector-direction">
          <fieldset className="segmented">
            <legend className="visually-hidden">Direction</legend>
            {directions.map((d) => (
              <button
                key={d.value}
                type="button"
                title={d.title}
                aria-pressed={direction === d.value}
                onClick={() => setDirection(d.value)}
              >
                {d.label}
              </button>
            ))}
          </fieldset>
        </div>
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
            ) : row.type === 'api-call' ? (
              <ApiCallRow key={row.call.id} call={row.call} current={row.call.id === selectedId} />
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
        {selected ? (
          selected.direction === 'inbound' ? (
            <ApiCallDetail call={selected} />
          ) : (
            <ExchangeDetail exchange={selected} />
          )
        ) : null}
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
