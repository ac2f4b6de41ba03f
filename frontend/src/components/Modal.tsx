// A dialog holding a form (add a transaction, a transfer …): takes the focus and keeps it
// inside, closes on Escape, gives the focus back when it closes.
import { useId, type ReactNode } from 'react';
import { useDialogFocus } from './useDialogFocus';

interface Props {
  title: string;
  children: ReactNode;
  onClose: () => void;
}

export function Modal({ title, children, onClose }: Props) {
  const titleId = useId();
  const { ref, onKeyDown } = useDialogFocus(onClose);
  return (
    <div className="backdrop">
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog" onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="link" onClick={onClose} aria-label="Close dialog">
            ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
