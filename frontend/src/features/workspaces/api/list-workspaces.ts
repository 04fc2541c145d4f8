import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Workspace } from '../types';
import { workspaceKeys } from './keys';

export function listWorkspaces(): Promise<Workspace[]> {
  return call<Workspace[]>('Workspaces', 'List');
}

export function workspacesQueryOptions() {
  return queryOptions({ queryKey: workspaceKeys.list(), queryFn: listWorkspaces });
}

export function useWorkspaces() {
  return useQuery(workspacesQueryOptions());
}
