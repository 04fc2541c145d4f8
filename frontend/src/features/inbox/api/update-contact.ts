import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Contact, ContactUpdate, ConversationDetail } from '../types';
import { inboxKeys } from './keys';

export interface UpdateContactInput {
  id: number;
  update: ContactUpdate;
}

export function updateContact({ id, update }: UpdateContactInput): Promise<Contact> {
  return call<Contact>('Inbox', 'UpdateContact', id, update);
}

/**
 * Updates a contact optimistically in the open conversations; contacts also show in lists,
 * which refetch once the backend has answered.
 */
export function useUpdateContact() {
  const queryClient = useQueryClient();
  const patch = (id: number, change: (contact: Contact) => Contact) =>
    queryClient.setQueriesData<ConversationDetail>({ queryKey: inboxKeys.details() }, (detail) =>
      detail?.contact?.id === id ? { ...detail, contact: change(detail.contact) } : detail,
    );
  return useMutation({
    mutationFn: updateContact,
    onMutate: async ({ id, update }) => {
      await queryClient.cancelQueries({ queryKey: inboxKeys.details() });
      const previous = queryClient.getQueriesData<ConversationDetail>({ queryKey: inboxKeys.details() });
      patch(id, (contact) => ({ ...contact, ...update }));
      return { previous };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (contact) => patch(contact.id, () => contact),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxKeys.details() }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
      ]),
  });
}
