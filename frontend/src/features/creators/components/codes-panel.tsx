import { ActionIcon, Alert, Button, Card, Code, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSparkles, IconTicket, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useAddCode } from '../api/add-code';
import { useDeleteCode } from '../api/delete-code';
import { getSuggestion } from '../api/get-suggestion';
import type { CampaignSummary, CreatorCode } from '../types';
import { CampaignSelect } from './campaign-select';
import { CopyButton } from './copy-button';

const CODE_KEYS = ['code_invalid', 'code_taken', 'code_none_free'];

/** A creator's discount codes, each copied in one click, and the form that adds one. */
export function CodesPanel({ creatorId, codes, campaigns }: { creatorId: number; codes: CreatorCode[]; campaigns: CampaignSummary[] }) {
  const { t, i18n } = useTranslation();
  const add = useAddCode();
  const remove = useDeleteCode();
  const [campaignId, setCampaignId] = useState<number | null>(campaigns[0]?.id ?? null);
  const [code, setCode] = useState('');
  const [discount, setDiscount] = useState<number | string>('');
  const campaignName = (id: number | null | undefined) => campaigns.find((c) => c.id === id)?.name ?? '';

  async function suggest() {
    try {
      const suggestion = await getSuggestion(creatorId, campaignId ?? 0);
      setCode(suggestion.code);
    } catch {
      // The add button generates one anyway.
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { creator_id: creatorId, campaign_id: campaignId, code, discount_percent: typeof discount === 'number' ? discount : 0 },
      {
        onSuccess: (added) => {
          notifySuccess(t('creators.codes.added', { code: added.code }));
          setCode('');
        },
      },
    );
  }

  const codeError = fieldMessage(add.error, i18n, (key) => CODE_KEYS.includes(key));
  return (
    <Card withBorder radius="md" padding="md" data-testid="codes-panel">
      <Stack gap="sm">
        <Group gap="xs">
          <IconTicket size={18} aria-hidden />
          <Title order={3} size="h5">
            {t('creators.codes.title')}
          </Title>
        </Group>
        {codes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('creators.codes.empty')}
          </Text>
        ) : (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {codes.map((c) => (
                <Table.Tr key={c.id} data-testid="code-row">
                  <Table.Td>
                    <Code fz="sm" fw={700} data-testid="code-value">
                      {c.code}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {c.discount_percent > 0 ? t('creators.codes.discount', { percent: c.discount_percent }) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {campaignName(c.campaign_id)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={80}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <CopyButton value={c.code} label={t('creators.codes.copy', { code: c.code })} testId="copy-code" />
                      <ActionIcon variant="subtle" color="gray" onClick={() => remove.mutate(c.id)} aria-label={t('creators.codes.delete', { code: c.code })}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <CampaignSelect campaigns={campaigns} value={campaignId} onChange={setCampaignId} />
            <TextInput
              label={t('creators.codes.code')}
              description={t('creators.codes.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={codeError}
              maxLength={40}
              w={{ base: '100%', sm: 200 }}
              data-testid="code-input"
              rightSection={
                <ActionIcon variant="subtle" onClick={() => void suggest()} aria-label={t('creators.codes.suggest')} data-testid="suggest-code">
                  <IconSparkles size={16} aria-hidden />
                </ActionIcon>
              }
            />
            <NumberInput label={t('creators.codes.discountLabel')} value={discount} onChange={setDiscount} min={0} max={90} suffix=" %" allowDecimal={false} w={120} />
            <Button type="submit" mt={24} loading={add.isPending} data-testid="add-code">
              {t('creators.codes.add')}
            </Button>
          </Group>
          {add.error !== null && codeError === undefined && (
            <Alert color="red" variant="light" mt="sm">
              {describeError(add.error, i18n).message}
            </Alert>
          )}
        </form>
      </Stack>
    </Card>
  );
}
