import { Avatar, Badge, Divider, Group, Stack, Switch, TagsInput, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import { useUpdateContact } from '../api/update-contact';
import type { Contact, Conversation } from '../types';
import classes from './inbox.module.css';
import { PlatformIcon } from '@/components/platform-icon';
import { IntentBadge } from './triage-badges';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** Who the conversation is with: handles, language, audience, tags and flags, and their other conversations. */
export function ContactPanel({
  contact,
  history,
  currentId,
  onOpenConversation,
  extra,
}: {
  contact: Contact | null;
  history: Conversation[];
  currentId: number;
  onOpenConversation: (id: number) => void;
  /** More about the contact, from other areas (the app passes the consent to automated messages). */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const update = useUpdateContact();

  if (contact === null) {
    return (
      <Stack p="md" gap="xs">
        <Text size="sm" fw={600}>
          {t('inbox.contact.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('inbox.contact.none')}
        </Text>
      </Stack>
    );
  }

  const others = history.filter((conversation) => conversation.id !== currentId);

  return (
    <Stack p="md" gap="md">
      <Group gap="sm" wrap="nowrap">
        <Avatar radius="xl" color="teal" variant="light">
          {initials(contact.display_name)}
        </Avatar>
        <Stack gap={0} miw={0}>
          <Text fw={650} truncate="end">
            {contact.display_name}
          </Text>
          <Group gap={4}>
            {contact.vip && (
              <Badge size="xs" color="yellow" variant="light">
                {t('inbox.contact.vip')}
              </Badge>
            )}
            {contact.influencer && (
              <Badge size="xs" color="violet" variant="light">
                {t('inbox.contact.influencer')}
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>

      <Field label={t('inbox.contact.handles')}>
        <Stack gap={4}>
          {contact.identities.map((identity) => (
            <Group key={`${identity.platform}:${identity.platform_user_id}`} gap={6} wrap="nowrap">
              <PlatformIcon platform={identity.platform} size={14} label={identity.platform} />
              <Text size="sm" truncate="end">
                {identity.handle === '' ? identity.display_name : `@${identity.handle}`}
              </Text>
            </Group>
          ))}
        </Stack>
      </Field>

      <Group grow gap="sm">
        <Field label={t('inbox.contact.language')}>
          <Text size="sm">{contact.language === '' ? t('common.notSet') : t(`inbox.language.${contact.language}`, { defaultValue: contact.language })}</Text>
        </Field>
        <Field label={t('inbox.contact.followers')}>
          <Text size="sm">{contact.follower_count === null ? '—' : format.number(contact.follower_count)}</Text>
        </Field>
      </Group>

      <TagsInput
        size="xs"
        label={t('inbox.contact.tags')}
        placeholder={t('inbox.contact.tagsPlaceholder')}
        value={contact.tags}
        onChange={(tags) => update.mutate({ id: contact.id, update: { tags } })}
        clearable={false}
        maxTags={20}
      />

      <Stack gap={8}>
        <Switch
          size="xs"
          label={t('inbox.contact.influencer')}
          checked={contact.influencer}
          onChange={(event) => update.mutate({ id: contact.id, update: { influencer: event.currentTarget.checked } })}
        />
        <Switch
          size="xs"
          label={t('inbox.contact.vip')}
          checked={contact.vip}
          onChange={(event) => update.mutate({ id: contact.id, update: { vip: event.currentTarget.checked } })}
        />
      </Stack>

      {extra !== undefined && (
        <>
          <Divider />
          {extra}
        </>
      )}

      <Divider />

      <Field label={t('inbox.contact.history', { count: others.length })}>
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('inbox.contact.noHistory')}
          </Text>
        ) : (
          <Stack gap={2}>
            {others.map((conversation) => (
              <UnstyledButton key={conversation.id} className={classes.filterRow} onClick={() => onOpenConversation(conversation.id)}>
                <Stack gap={2} miw={0} style={{ flex: 1 }}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Group gap={6} wrap="nowrap" miw={0}>
                      <PlatformIcon platform={conversation.platform} size={13} />
                      <Text size="xs" truncate="end">
                        {t(`inbox.kind.${conversation.kind}`)}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {format.listTime(conversation.last_message_at, now)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" truncate="end">
                    {conversation.last_preview}
                  </Text>
                  <Group gap={4}>
                    <IntentBadge intent={conversation.intent} />
                    <Text size="xs" c="dimmed">
                      {t(`inbox.status.${conversation.status}`)}
                    </Text>
                  </Group>
                </Stack>
              </UnstyledButton>
            ))}
          </Stack>
        )}
      </Field>
    </Stack>
  );
}
