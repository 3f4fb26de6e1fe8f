import type { RenderedAction } from '@spoke/protocol';
import { Dialog } from '../../components/Dialog.tsx';

/** CONFIRMATION_ACTION_HOOK's dialog, with the service's texts (defaults OK / Cancel). docs/protocol.md §2.3. */
export function ConfirmDialog({
  action,
  onConfirm,
  onCancel,
}: {
  action: RenderedAction;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmation = action.confirmation ?? {
    message: '',
    confirmButtonText: 'OK',
    cancelButtonText: 'Cancel',
  };
  return (
    <Dialog
      title={action.label || 'Are you sure?'}
      role="alertdialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {confirmation.cancelButtonText}
          </button>
          <button type="button" className="button button-primary" data-autofocus onClick={onConfirm}>
            {confirmation.confirmButtonText}
          </button>
        </>
      }
    >
      <p className="confirm-message">{confirmation.message}</p>
    </Dialog>
  );
}
