import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { listExchanges } from '../../api/requests.ts';
import type { ApiCall, Exchange, LoggedRequest, ShareSend } from '../../api/types.ts';

const keep = 500;

/** The live request log: what the inspector lists and what other screens react to. */
export interface ExchangeStream {
  /** Newest first. */
  exchanges: readonly Exchange[];
  /** The apps' calls to HubSpot's side (OAuth, CRM, developer API), newest first. */
  apiCalls: readonly ApiCall[];
  /** True while the server-sent event stream is open. */
  connected: boolean;
  /** Failed exchanges and API calls that arrived since the inspector was last looked at. */
  unseenErrors: number;
  markSeen: () => void;
  /** The last Share Via send heard (scheduled sends arrive here too). */
  lastShareSend: ShareSend | null;
  /** Bumped when the emulator's state changed wholesale (import, mode switch). */
  stateVersion: number;
  /** Adds exchanges the UI received in a reply (they also arrive over SSE; ids dedupe). */
  add: (items: readonly Exchange[]) => void;
  reload: () => void;
}

function merge<T extends { id: string; startedAt: number }>(
  current: readonly T[],
  incoming: readonly T[],
): T[] {
  const byId = new Map(current.map((e) => [e.id, e]));
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, keep);
}

const isApiCall = (entry: LoggedRequest): entry is ApiCall => entry.direction === 'inbound';
const outbound = (entries: readonly LoggedRequest[]) =>
  entries.filter((entry): entry is Exchange => !isApiCall(entry));

/** Loads the log once, then follows `GET /_spoke/events` (SSE), reconnecting when it drops. */
export function useExchangeStream(): ExchangeStream {
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [apiCalls, setApiCalls] = useState<ApiCall[]>([]);
  const [connected, setConnected] = useState(false);
  const [unseenErrors, setUnseenErrors] = useState(0);
  const [lastShareSend, setLastShareSend] = useState<ShareSend | null>(null);
  const [generation, setGeneration] = useState(0);
  const [stateVersion, setStateVersion] = useState(0);
  const seen = useRef(new Set<string>());

  const add = useCallback((items: readonly Exchange[]) => {
    for (const item of items) seen.current.add(item.id);
    setExchanges((current) => merge(current, items));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation forces a reconnect
  useEffect(() => {
    const controller = new AbortController();
    listExchanges(200, controller.signal).then(
      (items) => {
        for (const item of items) seen.current.add(item.id);
        setExchanges((current) => merge(current, outbound(items)));
        setApiCalls((current) => merge(current, items.filter(isApiCall)));
      },
      () => undefined,
    );
    const source = new EventSource('/_spoke/events');
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('ready', () => setConnected(true));
    source.addEventListener('error', () => setConnected(source.readyState === EventSource.OPEN));
    source.addEventListener('exchange', (event) => {
      const exchange = JSON.parse((event as MessageEvent<string>).data) as Exchange;
      if (!seen.current.has(exchange.id) && exchange.outcome === 'error') setUnseenErrors((n) => n + 1);
      seen.current.add(exchange.id);
      setExchanges((current) => merge(current, [exchange]));
    });
    source.addEventListener('api-call', (event) => {
      const call = JSON.parse((event as MessageEvent<string>).data) as ApiCall;
      // A refused call (a 401 for an expired token, a 429) is worth a look too.
      if (!seen.current.has(call.id) && call.outcome === 'error') setUnseenErrors((n) => n + 1);
      seen.current.add(call.id);
      setApiCalls((current) => merge(current, [call]));
    });
    source.addEventListener('share-send', (event) => {
      setLastShareSend(JSON.parse((event as MessageEvent<string>).data) as ShareSend);
    });
    source.addEventListener('state', () => {
      setStateVersion((v) => v + 1);
      listExchanges(200).then(
        (items) => {
          setExchanges(merge([], outbound(items)));
          setApiCalls(merge([], items.filter(isApiCall)));
        },
        () => undefined,
      );
    });
    return () => {
      controller.abort();
      source.close();
    };
  }, [generation]);

  const markSeen = useCallback(() => setUnseenErrors(0), []);
  const reload = useCallback(() => {
    setExchanges([]);
    setApiCalls([]);
    seen.current.clear();
    setGeneration((g) => g + 1);
  }, []);
  return { exchanges, apiCalls, connected, unseenErrors, markSeen, lastShareSend, stateVersion, add, reload };
}

const empty: ExchangeStream = {
  exchanges: [],
  apiCalls: [],
  connected: false,
  unseenErrors: 0,
  markSeen: () => undefined,
  lastShareSend: null,
  stateVersion: 0,
  add: () => undefined,
  reload: () => undefined,
};

/** Hands the one stream to every screen. */
export const ExchangeStreamContext = createContext<ExchangeStream>(empty);

/** The live request log, from any screen. */
export function useStream(): ExchangeStream {
  return useContext(ExchangeStreamContext);
}
