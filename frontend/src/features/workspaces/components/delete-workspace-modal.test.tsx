import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { Workspace } from '../types';
import { DeleteWorkspaceModal } from './delete-workspace-modal';

const shop: Workspace = { name: 'shop', path: '/data/shop.db', size_bytes: 4096, modified_at: '2026-11-28T10:00:00Z', current: false };

describe('DeleteWorkspaceModal', () => {
  it('deletes only once the exact name is typed', async () => {
    const fake = installFakeDesktop({ Workspaces: { Delete: () => null, List: () => [] } });
    const onClose = vi.fn();
    const { user } = renderWithProviders(<DeleteWorkspaceModal workspace={shop} onClose={onClose} />);
    const confirm = screen.getByRole('button', { name: 'Delete workspace' });
    const field = screen.getByLabelText('Type shop to confirm');
    expect(confirm).toBeDisabled();

    await user.type(field, 'Shop');
    expect(confirm).toBeDisabled();
    await user.clear(field);
    await user.type(field, 'sho');
    expect(confirm).toBeDisabled();
    await user.type(field, 'p');
    expect(confirm).toBeEnabled();

    await user.click(confirm);
    expect(fake.Workspaces.Delete).toHaveBeenCalledWith('shop', 'shop');
    expect(await screen.findByText('Workspace “shop” deleted.')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
  });

  it('explains that the open workspace cannot be deleted', () => {
    const fake = installFakeDesktop({ Workspaces: { Delete: () => null } });
    renderWithProviders(<DeleteWorkspaceModal workspace={{ ...shop, current: true }} onClose={vi.fn()} />);
    expect(screen.getByText('The open workspace cannot be deleted: switch to another one first.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete workspace' })).not.toBeInTheDocument();
    expect(fake.Workspaces.Delete).not.toHaveBeenCalled();
  });
});
