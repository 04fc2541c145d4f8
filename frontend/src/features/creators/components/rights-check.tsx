import { Alert, Button, Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconShieldX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { useRightsProblemText } from '@/lib/rights-problems';
import { useCheckRights } from '../api/check-rights';
import { SCOPES } from '../types';

/**
 * Checks a planned use of the creator's content (date, country, how) against their rights, as the
 * calendar will before publishing.
 */
export function RightsCheck({ creatorId }: { creatorId: number }) {
  const { t, i18n } = useTranslation();
  const check = useCheckRights();
  const problemText = useRightsProblemText();
  const [date, setDate] = useState('');
  const [territory, setTerritory] = useState('');
  const [scope, setScope] = useState<string>('organic');

  function submit(event: FormEvent) {
    event.preventDefault();
    check.mutate({ creatorId, use: { date, territory: territory.trim().toUpperCase(), scope } });
  }

  const verdict = check.data;
  return (
    <Stack gap="xs" data-testid="rights-check">
      <Title order={4} size="h6">
        {t('creators.check.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label={t('creators.check.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} data-testid="check-date" />
          <TextInput label={t('creators.check.territory')} value={territory} onChange={(e) => setTerritory(e.currentTarget.value)} maxLength={2} w={110} data-testid="check-territory" />
          <Select
            label={t('creators.check.scope')}
            data={SCOPES.map((s) => ({ value: s, label: t(`creators.scope.${s}`) }))}
            value={scope}
            onChange={(v) => setScope(v ?? 'organic')}
            allowDeselect={false}
            w={200}
          />
          <Button type="submit" variant="light" loading={check.isPending} data-testid="check-rights">
            {t('creators.check.submit')}
          </Button>
        </Group>
      </form>
      {check.isError && (
        <Text size="sm" c="red">
          {describeError(check.error, i18n).message}
        </Text>
      )}
      {verdict !== undefined && !check.isError && (
        <Alert
          color={verdict.allowed ? 'teal' : 'red'}
          variant="light"
          icon={verdict.allowed ? <IconCircleCheck size={18} aria-hidden /> : <IconShieldX size={18} aria-hidden />}
          title={verdict.allowed ? t('creators.check.allowed') : t('creators.check.notAllowed')}
          data-testid="rights-verdict"
        >
          {!verdict.allowed && (
            <List size="sm">
              {(verdict.problems ?? []).map((p) => (
                <List.Item key={p.kind}>{problemText(p)}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
