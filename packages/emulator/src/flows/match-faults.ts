import type { Faults } from '../dispatch/faults.ts';
import type { Fault } from '../store/entities.ts';

/**
 * The faults for one call: every enabled fault whose app (or none) and URL prefix (or none)
 * match, merged in the order they were added (a later one wins a field). Undefined when none.
 */
export function matchFaults(faults: readonly Fault[], appId: number, url: string): Faults | undefined {
  let merged: Faults | undefined;
  for (const fault of faults) {
    if (!fault.enabled) continue;
    if (fault.appId !== null && fault.appId !== appId) continue;
    if (fault.target !== null && !url.startsWith(fault.target)) continue;
    const {
      id: _id,
      appId: _app,
      target: _target,
      enabled: _enabled,
      createdAt: _created,
      ...effects
    } = fault;
    const set = Object.entries(effects).filter(([, value]) => value !== undefined);
    merged = { ...merged, ...(Object.fromEntries(set) as Faults) };
  }
  return merged;
}
