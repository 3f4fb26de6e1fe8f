import { getMode } from '../api/apps.ts';
import { useAsync } from '../lib/use-async.ts';

/** The dark HubSpot-style bar: brand, platform mode, and whether the live log is connected. */
export function TopBar({ connected, stateVersion }: { connected: boolean; stateVersion: number }) {
  const mode = useAsync((signal) => getMode(signal), [stateVersion]);
  return (
    <header className="topbar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ✳
        </span>
        Spoke <span className="muted">HubSpot emulator</span>
      </span>
      <span className="topbar-spacer" />
      {mode.data ? (
        <span
          className="topbar-chip"
          title="The emulator's mode, for every app without its own request shape (Apps → Platform mode)"
        >
          Mode: {mode.data === 'legacy' ? 'legacy CRM cards' : 'CRM card converter'}
        </span>
      ) : null}
      <span className={`topbar-chip ${connected ? 'live' : 'offline'}`}>
        {connected ? 'Live' : 'Offline'}
      </span>
    </header>
  );
}
