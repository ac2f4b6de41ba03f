// "Are you sure?" before an administrator changes a user's role or access, saying what
// follows for that user; the API's refusal (the last admin, yourself) is shown here.
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { UserChange } from './useUserChanges';

interface Props {
  change: UserChange;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

function wording(change: UserChange): { title: string; confirm: string; effect: string } {
  const name = change.user.username;
  if (change.kind === 'disable') {
    return {
      title: `Disable ${name}?`,
      confirm: 'Disable',
      effect: `${name} can no longer log in, and every session and access token of theirs ends now.`,
    };
  }
  if (change.kind === 'enable') {
    return { title: `Enable ${name}?`, confirm: 'Enable', effect: `${name} may log in again.` };
  }
  return change.role === 'ADMIN'
    ? {
        title: `Make ${name} an administrator?`,
        confirm: 'Make admin',
        effect: `${name} will be able to see every user, change roles and disable accounts (never other users' finance data). Their access tokens end; the next login carries the new role.`,
      }
    : {
        title: `Make ${name} an ordinary user?`,
        confirm: 'Make user',
        effect: `${name} loses the administration pages. Their access tokens end; the next login carries the new role.`,
      };
}

export function ConfirmUserChange({ change, busy, error, onConfirm, onCancel }: Props) {
  const words = wording(change);
  return (
    <ConfirmDialog title={words.title} confirmLabel={words.confirm} busy={busy} onCancel={onCancel} onConfirm={onConfirm}>
      <p>{words.effect}</p>
      <p className="muted">{change.user.email}</p>
      {error ? <ErrorNotice error={error} title="Nothing changed." /> : null}
    </ConfirmDialog>
  );
}
