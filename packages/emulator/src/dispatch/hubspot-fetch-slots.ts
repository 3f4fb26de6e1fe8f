import { limits } from '@spoke/protocol';
import type { Transport } from './transport.ts';

/**
 * hubspot.fetch's concurrency limit: at most `max` calls in flight per app and account; production
 * answers the next one 429 without calling the service. HubSpot "Fetching data for UI extensions".
 */
export interface HubSpotFetchSlots {
  readonly max: number;
  /** Takes a slot for `key` (app and portal); false when all are in use. */
  take(key: string): boolean;
  /** Gives back a slot taken for `key`. */
  give(key: string): void;
  /** Calls in flight for `key`. */
  inFlight(key: string): number;
}

/** A fresh counter, one per emulator. */
export function createHubSpotFetchSlots(max: number = limits.hubspotFetchMaxConcurrent): HubSpotFetchSlots {
  const inFlight = new Map<string, number>();
  return {
    max,
    take(key) {
      const count = inFlight.get(key) ?? 0;
      if (count >= max) return false;
      inFlight.set(key, count + 1);
      return true;
    },
    give(key) {
      const count = (inFlight.get(key) ?? 0) - 1;
      if (count > 0) inFlight.set(key, count);
      else inFlight.delete(key);
    },
    inFlight: (key) => inFlight.get(key) ?? 0,
  };
}

// One counter per transport when none is passed: an emulator has one transport, so its calls share it.
const byTransport = new WeakMap<Transport, HubSpotFetchSlots>();

/** The slots calls through `transport` share, made on first use. */
export function hubspotFetchSlotsOf(transport: Transport): HubSpotFetchSlots {
  let slots = byTransport.get(transport);
  if (!slots) {
    slots = createHubSpotFetchSlots();
    byTransport.set(transport, slots);
  }
  return slots;
}
