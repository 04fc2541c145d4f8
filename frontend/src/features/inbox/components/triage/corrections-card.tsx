import { Anchor, Badge, Button, Card, Group, Modal, ScrollArea, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowBackUp, IconArrowRight, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '@/components/load-error';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useCorrections } from '../../api/list-corrections';
import { useResetModel } from '../../api/reset-model';
import { useUndoCorrection } from '../../api/undo-correction';
import type { Correction } from '../../types';

function label(t: (key: string) => string, correction: Correction, value: string): string {
  return t(correction.field === 'intent' ? `inbox.intent.${value}` : `inbox.sentiment.${value}`);
}

/** What the classifier learnt from: each correction with its undo, and the way back to the shipped model. */
export function CorrectionsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const corrections = useCorrections();
  const undo = useUndoCorrection();
  const reset = useResetModel();
  const [confirming, confirm] = useDisclosure(false);
  const rows = [...(corrections.data ?? [])].sort((a, b) => b.id - a.id);

  function content() {
    if (corrections.isError) return <LoadError message={t('triage.corrections.loadFailed')} onRetry={() => void corrections.refetch()} />;
    if (corrections.data === undefined) return <Skeleton height={120} />;
    if (rows.length === 0) {
      return (
        <Text size="sm" c="dimmed">
          {t('triage.corrections.empty')}
        </Text>
      );
    }
    return (
      <ScrollArea.Autosize mah={360} type="auto">
        <Table verticalSpacing={6} highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('triage.corrections.message')}</Table.Th>
              <Table.Th>{t('triage.corrections.field')}</Table.Th>
              <Table.Th>{t('triage.corrections.change')}</Table.Th>
              <Table.Th>{t('triage.corrections.date')}</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((correction) => (
              <Table.Tr key={correction.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/?c=${correction.conversation_id}&m=${correction.message_id}`}
                    size="sm"
                    ff="monospace"
                  >
                    {t('triage.corrections.messageId', { id: correction.message_id })}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`inbox.correct.${correction.field}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="sm" variant="default" fw={500}>
                      {label(t, correction, correction.from)}
                    </Badge>
                    <IconArrowRight size={14} aria-label={t('triage.corrections.to')} />
                    <Badge size="sm" variant="light" fw={600}>
                      {label(t, correction, correction.to)}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {format.dateTime(correction.created_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconArrowBackUp size={14} aria-hidden />}
                    loading={undo.isPending && undo.variables === correction.id}
                    onClick={() => undo.mutate(correction.id, { onSuccess: () => notifySuccess(t('inbox.correct.undone', { count: 1 })) })}
                  >
                    {t('common.undo')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    );
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="triage-corrections">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id="triage-corrections">
              {t('triage.corrections.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('triage.corrections.hint')}
            </Text>
          </div>
          <Button variant="default" color="red" leftSection={<IconRestore size={16} aria-hidden />} onClick={confirm.open}>
            {t('triage.reset.button')}
          </Button>
        </Group>
        {content()}
      </Stack>
      <Modal opened={confirming} onClose={confirm.close} title={t('triage.reset.title')} centered>
        <Stack gap="md">
          <Text size="sm">{t('triage.reset.warning')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              onClick={() =>
                reset.mutate(undefined, {
                  onSuccess: () => {
                    notifySuccess(t('triage.reset.done'));
                    confirm.close();
                  },
                })
              }
            >
              {t('triage.reset.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
