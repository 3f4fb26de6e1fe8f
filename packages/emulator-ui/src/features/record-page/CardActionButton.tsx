import type { RenderedAction } from '@spoke/protocol';

const icons: Record<RenderedAction['type'], string> = {
  IFRAME: '↗',
  ACTION_HOOK: '↯',
  CONFIRMATION_ACTION_HOOK: '↯',
};

/** A button for one card action; the label is the service's text, shown as text. */
export function CardActionButton({
  action,
  onRun,
  variant = 'link',
}: {
  action: RenderedAction;
  onRun: (action: RenderedAction) => void;
  variant?: 'link' | 'primary' | 'secondary';
}) {
  const label = action.label || action.type;
  return (
    <button
      type="button"
      className={variant === 'link' ? 'link-button' : `button button-${variant}`}
      data-action-type={action.type}
      title={`${action.type} ${action.httpMethod} ${action.uri}`}
      onClick={() => onRun(action)}
    >
      <span aria-hidden="true" className="action-icon">
        {icons[action.type]}
      </span>{' '}
      {label}
    </button>
  );
}
