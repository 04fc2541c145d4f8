import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { workspaceKeys } from './keys';

export interface DeleteWorkspaceInput {
  name: string;
  /** Must repeat the name: the backend refuses the deletion otherwise. */
  confirmation: string;
}

export function deleteWorkspace({ name, confirmation }: DeleteWorkspaceInput): Promise<null> {
  return call<null>('Workspaces', 'Delete', name, confirmation);
}

export function useDeleteWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWorkspace,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}
