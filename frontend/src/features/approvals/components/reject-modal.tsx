import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_CHARS } from '../types';

/** Asks why a reply is rejected: the reason is required, and kept with the reply and in the audit trail. */
export function RejectModal({
  opened,
  pending,
  onClose,
  onReject,
}: {
  opened: boolean;
  pending: boolean;
  onClose: () => void;
  onReject: (reason: string) => void;
}) {
  const { t } = useTranslation();
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
    <Modal opened={opened} onClose={close} title={t('approvals.reject.title')} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('approvals.reject.body')}
          </Text>
          <Textarea
            label={t('approvals.reject.reason')}
            placeholder={t('approvals.reject.placeholder')}
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
            error={tried && blank ? t('approvals.reject.required') : undefined}
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
