// A small button showing an icon, named for screen readers and as a tooltip by `label`
// ("Edit Coffee", "Delete Coffee"): row actions without repeated text links.
import type { ButtonHTMLAttributes } from 'react';

const PATHS = {
  edit: 'M4 20h4l10.5-10.5a2.1 2.1 0 0 0-4-4L4 16v4zM13.5 6.5l4 4',
  delete: 'M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  archive: 'M4 5h16v4H4zM5 9v10h14V9M10 13h4',
  unarchive: 'M4 5h16v4H4zM5 9v10h14V9M12 17v-5M9.5 14.5 12 12l2.5 2.5',
  log: 'M6 3h9l4 4v14H6zM9 11h7M9 15h7M9 7h4',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
  block: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  revoke: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9l6 6M15 9l-6 6',
} as const;

export type IconName = keyof typeof PATHS;

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  label: string;
  danger?: boolean;
}

export function IconButton({ icon, label, danger, className, ...rest }: Props) {
  return (
    <button
      type="button"
      {...rest}
      className={['icon-button', danger ? 'danger' : null, className].filter(Boolean).join(' ')}
      aria-label={label}
      title={label}
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
        <path d={PATHS[icon]} />
      </svg>
    </button>
  );
}
