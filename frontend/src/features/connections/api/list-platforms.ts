import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { connectionKeys } from './keys';

/** The platforms Tend can connect (telegram, instagram, facebook, whatsapp, youtube). */
export function listPlatforms(): Promise<string[]> {
  return call<string[] | null>('Accounts', 'Platforms').then((platforms) => platforms ?? []);
}

export function platformsQueryOptions() {
  return queryOptions({ queryKey: connectionKeys.platforms(), queryFn: listPlatforms, staleTime: Infinity });
}

export function usePlatforms() {
  return useQuery(platformsQueryOptions());
}
