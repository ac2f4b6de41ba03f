// "Are you sure?" before something that cannot be undone: a modal dialog that takes the
// focus (on Cancel, the safe choice), keeps it inside, answers Escape with cancel, and
// names what will happen.
import { useId, useRef, type ReactNode } from 'react';
import { useDialogFocus } from './useDialogFocus';

interface Props {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy, onConfirm, onCancel }: Props) {
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { ref, onKeyDown } = useDialogFocus(onCancel, cancelRef);
  return (
    <div className="backdrop">
      <div ref={ref} role="alertdialog" aria-modal="true" aria-labelledby={titleId} className="dialog" onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
