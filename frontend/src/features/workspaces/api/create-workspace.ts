import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Workspace } from '../types';
import { workspaceKeys } from './keys';

export function createWorkspace(name: string): Promise<Workspace> {
  return call<Workspace>('Workspaces', 'Create', name);
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWorkspace,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}
