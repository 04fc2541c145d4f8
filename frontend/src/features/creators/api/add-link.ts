import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { NewLink, UTMLink } from '../types';
import { creatorKeys } from './keys';

export function addLink(link: NewLink): Promise<UTMLink> {
  return call<UTMLink>('Creators', 'AddLink', link);
}

export function useAddLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addLink,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
