import type { PlatformMode } from '@spoke/protocol';
import { getMode, setMode } from '../../api/apps.ts';
import { useToast } from '../../components/Toasts.tsx';
import { useAsync } from '../../lib/use-async.ts';

const modes: { id: PlatformMode; label: string; note: string }[] = [
  {
    id: 'legacy',
    label: 'Legacy CRM cards',
    note: 'Hook fields in the query (GET, DELETE) or a form body; the reply message is shown; titles carry the item count.',
  },
  {
    id: 'converter',
    label: 'Card converter',
    note: 'Fields in the query and a JSON body, an appId parameter, "<label> succeeded." alerts, static titles.',
  },
];

/** The emulator's platform mode switch. docs/protocol.md §2.4. */
export function PlatformPanel() {
  const mode = useAsync((signal) => getMode(signal), []);
  const toast = useToast();
  const choose = async (next: PlatformMode) => {
    try {
      await setMode(next);
      mode.reload();
    } catch (err) {
      toast({ tone: 'error', title: 'Could not change the mode', detail: String(err) });
    }
  };
  const current = modes.find((m) => m.id === mode.data);
  return (
    <section className="panel" aria-label="Platform mode">
      <h2 className="panel-title">Platform mode</h2>
      <fieldset className="segmented">
        <legend className="visually-hidden">Platform mode</legend>
        {modes.map((m) => (
          <button
            key={m.id}
            type="button"
            aria-pressed={mode.data === m.id}
            onClick={() => void choose(m.id)}
          >
            {m.label}
          </button>
        ))}
      </fieldset>
      {current ? <p className="muted">{current.note}</p> : null}
      <p className="muted">For every app without its own request shape (set one in the app's details).</p>
    </section>
  );
}
