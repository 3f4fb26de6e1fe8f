import type { RenderedAction } from '@spoke/protocol';
import { useState } from 'react';
import { CardActionButton } from './CardActionButton.tsx';

/**
 * An "Actions" button that opens a list of actions, as HubSpot's card converter draws an item's
 * actions (and a card's secondary actions): the label reads "Actions", the list opens below it.
 */
export function ActionsMenu({
  actions,
  onRun,
  label = 'Actions',
  variant = 'secondary',
  align = 'left',
}: {
  actions: readonly RenderedAction[];
  onRun: (action: RenderedAction) => void;
  /** The accessible name of the toggle; it should start with the visible text, "Actions". */
  label?: string;
  variant?: 'secondary' | 'tertiary';
  /** Which edge of the toggle the list lines up with. */
  align?: 'left' | 'right';
}) {
  const [open, setOpen] = useState(false);
  if (actions.length === 0) return null;
  return (
    <div className="menu">
      <button
        type="button"
        className={`button button-${variant} button-small`}
        aria-expanded={open}
        aria-label={label}
        onClick={() => setOpen(!open)}
      >
        Actions ▾
      </button>
      {open ? (
        <div className={`menu-list${align === 'right' ? ' menu-right' : ''}`}>
          {actions.map((action, i) => (
            <CardActionButton
              // biome-ignore lint/suspicious/noArrayIndexKey: actions keep the service's order
              key={i}
              action={action}
              onRun={(a) => {
                setOpen(false);
                onRun(a);
              }}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
