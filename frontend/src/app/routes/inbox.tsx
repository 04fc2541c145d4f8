import { InboxPage } from '@/features/inbox/components/inbox-page';
import { ConsentPanel } from '@/features/replies/components/consent-panel';
import { ReplyComposer } from '@/features/replies/components/reply-composer';

/** The inbox, with the reply composer under each conversation and the consent in its contact panel. */
export function InboxRoute() {
  return (
    <InboxPage
      composer={({ conversation }, { focusRequest, sandbox }) => (
        <ReplyComposer
          conversation={{ id: conversation.id, platform: conversation.platform, language: conversation.language, sandbox }}
          focusRequest={focusRequest}
        />
      )}
      contactExtra={(contact) => <ConsentPanel contactId={contact.id} contactName={contact.display_name} />}
    />
  );
}
