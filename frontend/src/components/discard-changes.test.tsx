import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { DiscardChangesModal, useDiscardGuard } from './discard-changes';

const TEXT = { title: 'Discard your changes?', message: 'Not saved.', keepEditing: 'Keep editing', discard: 'Discard' };

function Editor({ onClose }: { onClose: () => void }) {
  const guard = useDiscardGuard(onClose);
  return (
    <>
      <button type="button" onClick={() => guard.onDirtyChange(true)}>
        Edit
      </button>
      <button type="button" onClick={() => guard.onDirtyChange(false)}>
        Save
      </button>
      <button type="button" onClick={guard.requestClose}>
        Close
      </button>
      <DiscardChangesModal guard={guard} text={TEXT} />
    </>
  );
}

describe('useDiscardGuard', () => {
  it('closes at once without changes, and asks first with unsaved ones', async () => {
    const onClose = vi.fn();
    const { user } = renderWithProviders(<Editor onClose={onClose} />);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Discard your changes?' })).not.toBeInTheDocument();

    // Unsaved changes: keeping them closes nothing.
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(dialog).toHaveTextContent('Not saved.');
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(onClose).toHaveBeenCalledTimes(1);

    // Discarding them closes, and the next close does not ask again.
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(3);

    // Saved changes close at once.
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(4);
  });
});
