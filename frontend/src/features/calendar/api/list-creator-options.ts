import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { calendarKeys } from './keys';

/** What the post editor's creator picker reads of Creators.List. Go sends nil slices as null. */
export interface CreatorOption {
  id: number;
  name: string;
  handles: { platform: string; handle: string }[] | null;
}

/** The workspace's creators, to link a post to one by name. */
export function useCreatorOptions() {
  return useQuery({ queryKey: calendarKeys.creators(), queryFn: () => call<CreatorOption[]>('Creators', 'List', {}) });
}
