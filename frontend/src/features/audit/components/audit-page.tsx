import { Alert, Button, Card, Center, Group, Loader, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertCircle, IconFilterOff, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useAuditEntries } from '../api/list-audit';
import { useVerifyAudit } from '../api/verify-audit';
import { auditFilterFromParams, auditFilterToParams, EMPTY_AUDIT_FILTER, isAuditFiltered } from '../filters';
import { ACTION_PREFIXES, type AuditFilter } from '../types';
import { AuditTable } from './audit-table';

/** A text filter applied once typing pauses (or on Enter); a change from elsewhere replaces what was typed. */
function DebouncedInput({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const apply = useDebouncedCallback(onChange, 400);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        apply(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onChange(draft);
      }}
      w={220}
      spellCheck={false}
    />
  );
}

function VerifyResult({ verify }: { verify: ReturnType<typeof useVerifyAudit> }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (verify.isError) {
    const { title, message } = describeError(verify.error, i18n);
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} title={title} role="alert">
        {message}
      </Alert>
    );
  }
  if (verify.data === undefined) return null;
  const { ok, entries, first_bad: firstBad, problem } = verify.data;
  return ok ? (
    <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} role="status">
      {t('audit.verify.ok', { count: entries, formatted: format.number(entries) })}
    </Alert>
  ) : (
    <Alert color="red" variant="light" icon={<IconShieldX size={18} aria-hidden />} title={t('audit.verify.brokenTitle')} role="alert">
      {t('audit.verify.broken', { seq: firstBad, problem })}
    </Alert>
  );
}

/**
 * The audit trail, newest first with "load more", filtered by action area, actor and subject
 * (kept in the URL), and the check of its hash chain.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => auditFilterFromParams(params), [params]);
  const entries = useAuditEntries(filter);
  const verify = useVerifyAudit();
  const rows = useMemo(() => entries.data?.pages.flatMap((page) => page.entries ?? []) ?? [], [entries.data]);

  const setFilter = (change: Partial<AuditFilter>) => setParams(auditFilterToParams({ ...filter, ...change }, params));
  const knownPrefix = (ACTION_PREFIXES as readonly string[]).includes(filter.action);
  const actionData = [
    { value: '', label: t('audit.filters.allActions') },
    ...ACTION_PREFIXES.map((prefix) => ({ value: prefix, label: t(`audit.area.${prefix.slice(0, -1)}`) })),
    ...(filter.action !== '' && !knownPrefix ? [{ value: filter.action, label: filter.action }] : []),
  ];

  function content() {
    if (entries.isError) return <LoadError message={t('audit.loadFailed')} onRetry={() => void entries.refetch()} />;
    if (entries.data === undefined) return <Skeleton height={320} radius="md" />;
    if (rows.length === 0) {
      return (
        <Card withBorder radius="md" padding="xl">
          <Center>
            <Stack align="center" gap="xs">
              <Text fw={600}>{isAuditFiltered(filter) ? t('audit.emptyFiltered') : t('audit.empty')}</Text>
              {isAuditFiltered(filter) && (
                <Button variant="light" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={() => setFilter(EMPTY_AUDIT_FILTER)}>
                  {t('audit.filters.clear')}
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      );
    }
    return (
      <Stack gap="sm">
        <Card withBorder radius="md" padding={0}>
          <AuditTable entries={rows} onFilter={setFilter} />
        </Card>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('audit.shown', { count: rows.length })}
          </Text>
          {entries.hasNextPage ? (
            <Button variant="default" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
              {t('audit.loadMore')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('audit.end')}
            </Text>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <Button variant="light" leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => verify.mutate()} loading={verify.isPending}>
            {t('audit.verify.button')}
          </Button>
        }
      />
      <Stack gap="lg">
        <VerifyResult verify={verify} />
        <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('audit.filters.label')}>
          <Select
            label={t('audit.filters.action')}
            data={actionData}
            value={filter.action}
            onChange={(value) => setFilter({ action: value ?? '' })}
            allowDeselect={false}
            w={220}
          />
          <DebouncedInput label={t('audit.filters.actor')} placeholder={t('audit.filters.actorPlaceholder')} value={filter.actor} onChange={(actor) => setFilter({ actor })} />
          <DebouncedInput label={t('audit.filters.subject')} placeholder={t('audit.filters.subjectPlaceholder')} value={filter.subject} onChange={(subject) => setFilter({ subject })} />
          {isAuditFiltered(filter) && (
            <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={15} aria-hidden />} onClick={() => setFilter(EMPTY_AUDIT_FILTER)} mb={2}>
              {t('audit.filters.clear')}
            </Button>
          )}
          {entries.isFetching && !entries.isFetchingNextPage && entries.data !== undefined && <Loader size="xs" mb={10} aria-label={t('common.loading')} />}
        </Group>
        {content()}
      </Stack>
    </>
  );
}
