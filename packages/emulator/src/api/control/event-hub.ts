import type { Exchange } from '../../dispatch/exchange.ts';
import type { ShareSend } from '../../store/entities.ts';

/** What the inspector hears live over `GET /_spoke/events`. */
export type EmulatorEvent =
  | { type: 'exchange'; data: Exchange }
  | { type: 'share-send'; data: ShareSend }
  | { type: 'state'; data: { reason: 'imported' | 'mode' } };

/** A tiny in-process publish/subscribe for live updates. */
export interface EventHub {
  publish(event: EmulatorEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: EmulatorEvent) => void): () => void;
  /** How many listeners are attached (tests and shutdown use it). */
  size(): number;
}

/** Creates an event hub; a throwing listener never stops the others. */
export function createEventHub(): EventHub {
  const listeners = new Set<(event: EmulatorEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken SSE stream must not break the request that produced the event.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size,
  };
}
