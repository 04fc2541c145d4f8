import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Workspace } from '../types';
import { workspaceKeys } from './keys';

export function getCurrentWorkspace(): Promise<Workspace> {
  return call<Workspace>('Workspaces', 'Current');
}

export function currentWorkspaceQueryOptions() {
  return queryOptions({ queryKey: workspaceKeys.current(), queryFn: getCurrentWorkspace });
}

export function useCurrentWorkspace() {
  return useQuery(currentWorkspaceQueryOptions());
}
