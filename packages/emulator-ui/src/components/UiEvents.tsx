import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** Something that happened in the browser rather than on the wire: an iframe message, a dialog. */
export interface UiEvent {
  id: string;
  /** Epoch ms. */
  at: number;
  /** Order of arrival, to sort events of the same millisecond. */
  seq: number;
  kind: 'iframe.open' | 'iframe.message' | 'iframe.close' | 'action.confirm' | 'action.cancel';
  summary: string;
  /** The raw data, e.g. a postMessage payload. */
  detail?: string;
  /** Why this event is suspicious (non-JSON message, unknown action, foreign window). */
  flag?: string;
}

interface UiEventLog {
  events: readonly UiEvent[];
  record: (event: Omit<UiEvent, 'id' | 'at' | 'seq'>) => void;
}

const UiEventContext = createContext<UiEventLog>({ events: [], record: () => {} });

/** The browser-side events the inspector lists beside the emulator's exchanges. */
export function useUiEvents(): UiEventLog {
  return useContext(UiEventContext);
}

let counter = 0;

/** Keeps the last 500 browser-side events for the inspector. */
export function UiEventProvider({ children }: { children: ReactNode }) {
  const [events, setEvents] = useState<UiEvent[]>([]);
  const record = useCallback((event: Omit<UiEvent, 'id' | 'at' | 'seq'>) => {
    counter += 1;
    const full: UiEvent = { ...event, id: `ui-${counter}`, at: Date.now(), seq: counter };
    setEvents((all) => [...all.slice(-499), full]);
  }, []);
  const value = useMemo(() => ({ events, record }), [events, record]);
  return <UiEventContext.Provider value={value}>{children}</UiEventContext.Provider>;
}
