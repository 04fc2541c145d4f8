import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_CHARS } from '../types';

/** What the modal says, when it asks about something else than a reply (a post's caption). */
export interface RejectModalTexts {
  title: string;
  body: string;
  placeholder: string;
  required: string;
}

/**
 * Asks why a reply (or, with `texts`, a post's caption) is rejected: the reason is required, and
 * kept with it and in the audit trail.
 */
export function RejectModal({
  opened,
  pending,
  onClose,
  onReject,
  texts,
}: {
  opened: boolean;
  pending: boolean;
  onClose: () => void;
  onReject: (reason: string) => void;
  texts?: RejectModalTexts;
}) {
  const { t } = useTranslation();
  const text: RejectModalTexts = texts ?? {
    title: t('approvals.reject.title'),
    body: t('approvals.reject.body'),
    placeholder: t('approvals.reject.placeholder'),
    required: t('approvals.reject.required'),
  };
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const blank = reason.trim() === '';

  function close() {
    setReason('');
    setTried(false);
    onClose();
  }

  function submit() {
    setTried(true);
    if (!blank) onReject(reason.trim());
  }

  return (
    <Modal opened={opened} onClose={close} title={text.title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {text.body}
          </Text>
          <Textarea
            label={t('approvals.reject.reason')}
            placeholder={text.placeholder}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                submit();
              }
            }}
            withAsterisk
            aria-required
            autosize
            minRows={3}
            maxLength={MAX_NOTE_CHARS}
            error={tried && blank ? text.required : undefined}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={pending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={pending}>
              {t('approvals.reject.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
