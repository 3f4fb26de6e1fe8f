/** HubSpot's local-storage switch that lets a developer test an app whose isReady is false. docs/protocol.md §4.2. */
export const overrideKey = 'LocalSettings:Calling:supportsChannelConnection';

/** True when the browser's local storage holds the override set to `true`. */
export function hasOverride(): boolean {
  try {
    return window.localStorage.getItem(overrideKey) === 'true';
  } catch {
    return false;
  }
}

export function setOverride(on: boolean): void {
  if (on) window.localStorage.setItem(overrideKey, 'true');
  else window.localStorage.removeItem(overrideKey);
}
