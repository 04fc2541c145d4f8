import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { Workspace } from '../types';
import { WorkspaceSwitcher } from './workspace-switcher';

function workspace(name: string, current: boolean): Workspace {
  return { name, path: `/data/${name}.db`, size_bytes: 4096, modified_at: '2026-11-28T10:00:00Z', current };
}

function fakeWorkspacesBackend() {
  let open = 'demo';
  return installFakeDesktop({
    Workspaces: {
      List: () => ['demo', 'shop'].map((name) => workspace(name, name === open)),
      Current: () => workspace(open, true),
      Open: (name: string) => {
        open = name;
        return workspace(name, true);
      },
    },
  });
}

describe('WorkspaceSwitcher', () => {
  it('lists the workspaces with the open one marked', async () => {
    fakeWorkspacesBackend();
    const { user } = renderWithProviders(<WorkspaceSwitcher onManage={vi.fn()} />);
    await user.click(await screen.findByRole('button', { name: 'Workspace: demo' }));
    expect(await screen.findByRole('menuitem', { name: 'demo' })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('menuitem', { name: 'shop' })).not.toHaveAttribute('aria-current');
  });

  it('switches to the workspace clicked', async () => {
    const fake = fakeWorkspacesBackend();
    const { user } = renderWithProviders(<WorkspaceSwitcher onManage={vi.fn()} />);
    await user.click(await screen.findByRole('button', { name: 'Workspace: demo' }));
    await user.click(await screen.findByRole('menuitem', { name: 'shop' }));

    expect(fake.Workspaces.Open).toHaveBeenCalledWith('shop');
    expect(await screen.findByText('Switched to workspace “shop”.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Workspace: shop' })).toBeInTheDocument();
  });

  it('opens the workspace manager', async () => {
    fakeWorkspacesBackend();
    const onManage = vi.fn();
    const { user } = renderWithProviders(<WorkspaceSwitcher onManage={onManage} />);
    await user.click(await screen.findByRole('button', { name: 'Workspace: demo' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Manage workspaces…' }));
    expect(onManage).toHaveBeenCalled();
  });
});
