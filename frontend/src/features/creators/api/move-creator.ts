import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Creator, Stage } from '../types';
import { creatorKeys } from './keys';

export interface MoveCreatorInput {
  id: number;
  stage: Stage;
}

/** Moves a creator to another stage of the pipeline (audited). */
export function moveCreator({ id, stage }: MoveCreatorInput): Promise<Creator> {
  return call<Creator>('Creators', 'Move', id, stage);
}

/**
 * The card moves at once on every cached list; a failure puts it back (and is notified).
 */
export function useMoveCreator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveCreator,
    onMutate: async ({ id, stage }) => {
      await queryClient.cancelQueries({ queryKey: creatorKeys.lists() });
      const previous = queryClient.getQueriesData<Creator[]>({ queryKey: creatorKeys.lists() });
      queryClient.setQueriesData<Creator[]>({ queryKey: creatorKeys.lists() }, (list) =>
        list?.map((creator) => (creator.id === id ? { ...creator, stage } : creator)),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
