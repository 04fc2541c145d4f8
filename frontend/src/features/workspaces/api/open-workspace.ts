import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Workspace } from '../types';

export function openWorkspace(name: string): Promise<Workspace> {
  return call<Workspace>('Workspaces', 'Open', name);
}

export function useOpenWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openWorkspace,
    // Every query reads the open workspace: after a switch, all of them refetch.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
