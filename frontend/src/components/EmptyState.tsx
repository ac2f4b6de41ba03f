// An empty list or chart said plainly, with what to do next ("Add your first transaction").
import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
  /** Buttons or links: the calls to action. */
  actions?: ReactNode;
}

export function EmptyState({ title, children, actions }: Props) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <p className="empty">{children}</p>}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
