import { Badge, Button, Collapse, Group, Modal, Skeleton, Stack, Text, Textarea, Timeline, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconMessageCircleOff, IconMessageCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useConsent } from '../api/get-consent';
import { useSetConsent } from '../api/set-consent';
import { MAX_NOTE_CHARS, type Consent, type ConsentEvent } from '../types';

function Heading({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
      {children}
    </Text>
  );
}

/** A contact's consent to automated messages: the current state, the ledger, and the switch. */
export function ConsentPanel({ contactId, contactName }: { contactId: number; contactName: string }) {
  const { t } = useTranslation();
  const consent = useConsent(contactId);

  return (
    <Stack gap={6} component="section" aria-label={t('replies.consent.title')} data-testid="consent-panel">
      <Heading>{t('replies.consent.title')}</Heading>
      {consent.isError ? (
        <Text size="sm" c="red">
          {t('replies.consent.loadFailed')}
        </Text>
      ) : consent.data === undefined ? (
        <Skeleton height={48} radius="sm" />
      ) : (
        <ConsentDetails key={contactId} consent={consent.data} contactName={contactName} />
      )}
    </Stack>
  );
}

function ConsentDetails({ consent, contactName }: { consent: Consent; contactName: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dialogOpen, dialog] = useDisclosure(false);
  const [ledgerOpen, ledger] = useDisclosure(false);
  const events = consent.events ?? [];
  const latest = [...events].sort((a, b) => b.at.localeCompare(a.at))[0];

  return (
    <>
      <Group gap={6} wrap="wrap">
        <Badge
          size="md"
          radius="sm"
          variant="light"
          color={consent.opted_out ? 'red' : 'teal'}
          leftSection={consent.opted_out ? <IconMessageCircleOff size={13} aria-hidden /> : <IconMessageCircleCheck size={13} aria-hidden />}
          tt="none"
          data-testid="consent-state"
          data-opted-out={consent.opted_out}
        >
          {consent.opted_out ? t('replies.consent.optedOut') : t('replies.consent.allowed')}
        </Badge>
        {consent.since !== null && (
          <Text size="xs" c="dimmed">
            {t('replies.consent.since', { date: format.dateTime(consent.since) })}
          </Text>
        )}
      </Group>
      {latest !== undefined && (
        <Text size="xs" c="dimmed">
          {sourceSentence(t, latest)}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {consent.opted_out ? t('replies.consent.optedOutHint') : t('replies.consent.allowedHint')}
      </Text>
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="light"
          color={consent.opted_out ? 'teal' : 'red'}
          onClick={dialog.open}
        >
          {consent.opted_out ? t('replies.consent.optIn') : t('replies.consent.optOut')}
        </Button>
      </Group>

      {events.length > 0 && (
        <>
          <UnstyledButton onClick={ledger.toggle} aria-expanded={ledgerOpen} aria-controls="consent-ledger">
            <Group gap={4}>
              {ledgerOpen ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              <Text size="xs" fw={500}>
                {t('replies.consent.ledger', { count: events.length })}
              </Text>
            </Group>
          </UnstyledButton>
          <Collapse in={ledgerOpen} id="consent-ledger">
            <ConsentLedger events={events} />
          </Collapse>
        </>
      )}

      <ConsentDialog opened={dialogOpen} onClose={dialog.close} consent={consent} contactName={contactName} />
    </>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function sourceSentence(t: Translate, event: ConsentEvent): string {
  const key = `replies.consent.source.${event.kind}.${event.source}`;
  return t(key, { actor: event.actor, defaultValue: t(`replies.consent.source.${event.kind}.other`, { source: event.source }) });
}

/** Every change of the contact's consent, newest first; it cannot be edited. */
export function ConsentLedger({ events }: { events: ConsentEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline bulletSize={14} lineWidth={2} mt={4} aria-label={t('replies.consent.ledgerLabel')} data-testid="consent-ledger">
      {sorted.map((event) => (
        <Timeline.Item
          key={event.id}
          color={event.kind === 'opt_out' ? 'red' : 'teal'}
          title={
            <Text size="xs" fw={600}>
              {t(`replies.consent.kind.${event.kind}`)}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {format.dateTime(event.at)} · {t(`replies.consent.sourceName.${event.source}`, { defaultValue: event.source })}
            {event.actor !== '' && ` · ${event.actor}`}
          </Text>
          {event.note !== '' && (
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {event.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function ConsentDialog({
  opened,
  onClose,
  consent,
  contactName,
}: {
  opened: boolean;
  onClose: () => void;
  consent: Consent;
  contactName: string;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const set = useSetConsent();
  const optingOut = !consent.opted_out;

  function close() {
    setNote('');
    onClose();
  }

  function confirm() {
    set.mutate(
      { contactId: consent.contact_id, change: { opted_out: optingOut, note: note.trim() } },
      {
        onSuccess: () => {
          notifySuccess(optingOut ? t('replies.consent.optedOutDone', { name: contactName }) : t('replies.consent.optedInDone', { name: contactName }));
          close();
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={optingOut ? t('replies.consent.optOutTitle') : t('replies.consent.optInTitle')} centered>
      <Stack gap="sm">
        <Text size="sm">
          {optingOut ? t('replies.consent.optOutBody', { name: contactName }) : t('replies.consent.optInBody', { name: contactName })}
        </Text>
        <Textarea
          label={t('replies.consent.note')}
          description={t('replies.consent.noteHint')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={MAX_NOTE_CHARS}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color={optingOut ? 'red' : 'teal'} onClick={confirm} loading={set.isPending}>
            {optingOut ? t('replies.consent.confirmOptOut') : t('replies.consent.confirmOptIn')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
