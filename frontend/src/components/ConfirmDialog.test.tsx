import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('starts on Cancel, keeps Tab inside, and cancels on Escape', async () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(
      <>
        <button type="button">outside</button>
        <ConfirmDialog title="Delete this transaction?" confirmLabel="Delete" onCancel={onCancel} onConfirm={onConfirm} />
      </>,
    );
    const user = userEvent.setup();

    expect(screen.getByRole('alertdialog', { name: 'Delete this transaction?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
