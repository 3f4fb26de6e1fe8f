import type { PlatformMode, RenderedAction } from '@spoke/protocol';
import { Dialog } from '../../components/Dialog.tsx';

/**
 * CONFIRMATION_ACTION_HOOK's dialog, with the service's texts or the platform's defaults (legacy:
 * OK / Cancel; the converter: Yes / No and "Are you sure you want to proceed?", filled in by the
 * render model). In converter mode the title is the action's label as given and a DELETE hook gets
 * the converter's danger dialog: a destructive confirm button first, then cancel. docs/protocol.md §2.3.
 */
export function ConfirmDialog({
  action,
  onConfirm,
  onCancel,
  mode = 'legacy',
}: {
  action: RenderedAction;
  onConfirm: () => void;
  onCancel: () => void;
  /** Whose dialog: legacy CRM cards or HubSpot's card converter. @default 'legacy' */
  mode?: PlatformMode;
}) {
  const confirmation = action.confirmation ?? {
    message: '',
    confirmButtonText: 'OK',
    cancelButtonText: 'Cancel',
  };
  const converter = mode === 'converter';
  const danger = converter && action.httpMethod === 'DELETE';
  const cancel = (
    <button type="button" className="button button-secondary" onClick={onCancel}>
      {confirmation.cancelButtonText}
    </button>
  );
  const confirm = (
    <button
      type="button"
      className={`button ${danger ? 'button-destructive' : 'button-primary'}`}
      data-autofocus
      onClick={onConfirm}
    >
      {confirmation.confirmButtonText}
    </button>
  );
  return (
    <Dialog
      title={converter ? action.label : action.label || 'Are you sure?'}
      role="alertdialog"
      onClose={onCancel}
      {...(danger ? { className: 'dialog-danger' } : {})}
      footer={
        danger ? (
          <>
            {confirm}
            {cancel}
          </>
        ) : (
          <>
            {cancel}
            {confirm}
          </>
        )
      }
    >
      <p className="confirm-message">{confirmation.message}</p>
    </Dialog>
  );
}
