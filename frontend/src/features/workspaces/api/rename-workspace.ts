import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Workspace } from '../types';
import { workspaceKeys } from './keys';

export interface RenameWorkspaceInput {
  from: string;
  to: string;
}

export function renameWorkspace({ from, to }: RenameWorkspaceInput): Promise<Workspace> {
  return call<Workspace>('Workspaces', 'Rename', from, to);
}

export function useRenameWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameWorkspace,
    // Renaming the open workspace changes its file: everything that shows it refetches.
    onSuccess: (workspace) =>
      workspace.current ? queryClient.invalidateQueries() : queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}
