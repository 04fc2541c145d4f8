import { ActionIcon, Alert, Anchor, Badge, Button, Card, Code, Group, Mark, NumberInput, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconChartBar, IconTrash } from '@tabler/icons-react';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PlatformIcon } from '@/components/platform-icon';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useAddResult } from '../api/add-result';
import { useDeleteResult } from '../api/delete-result';
import { usePerformance } from '../api/get-performance';
import { formatDay, formatMoney, parseAmount } from '../links';
import type { CampaignSummary, CreatorCode } from '../types';

/** Search snippets mark matches between U+E000 and U+E001: shown highlighted, as text. */
function Snippet({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  text.split('\uE000').forEach((chunk, index) => {
    if (index === 0) {
      parts.push(<Fragment key={index}>{chunk}</Fragment>);
      return;
    }
    const [marked = '', rest = ''] = chunk.split('\uE001');
    parts.push(<Mark key={`m${index}`}>{marked}</Mark>, <Fragment key={`r${index}`}>{rest}</Fragment>);
  });
  return <>{parts}</>;
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** One card of the panel: its title, then what it lists or, when it lists nothing, why. */
function Section({ title, empty, testId, children }: { title: string; empty: string | null; testId?: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="xs" data-testid={testId}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {empty !== null && (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The form that records results by hand (orders and revenue by code), until orders are imported. */
function ResultForm({ creatorId, codes, campaigns }: { creatorId: number; codes: CreatorCode[]; campaigns: CampaignSummary[] }) {
  const { t, i18n } = useTranslation();
  const add = useAddResult();
  const [code, setCode] = useState<string | null>(codes[0]?.code ?? null);
  const [date, setDate] = useState(today);
  const [orders, setOrders] = useState<number | string>('');
  const [revenue, setRevenue] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [note, setNote] = useState('');
  const cents = parseAmount(revenue);
  const revenueError = revenue.trim() !== '' && cents === null ? t('creators.results.amountInvalid') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (revenueError !== undefined) return;
    const campaign = codes.find((c) => c.code === code)?.campaign_id ?? null;
    add.mutate(
      {
        creator_id: creatorId,
        campaign_id: campaigns.some((c) => c.id === campaign) ? campaign : null,
        code: code ?? '',
        date,
        orders: typeof orders === 'number' ? orders : 0,
        revenue_cents: cents ?? 0,
        currency,
        note,
      },
      {
        onSuccess: () => {
          setOrders('');
          setRevenue('');
          setNote('');
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="result-form">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t('creators.results.code')}
            data={codes.map((c) => c.code)}
            value={code}
            onChange={setCode}
            placeholder={t('creators.results.noCode')}
            clearable
            w={150}
          />
          <TextInput type="date" label={t('creators.results.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} w={160} data-testid="result-date" />
          <NumberInput label={t('creators.results.orders')} value={orders} onChange={setOrders} min={0} allowDecimal={false} w={100} data-testid="result-orders" />
          <TextInput label={t('creators.results.revenue')} value={revenue} onChange={(e) => setRevenue(e.currentTarget.value)} error={revenueError} inputMode="decimal" w={130} data-testid="result-revenue" />
          <TextInput label={t('creators.results.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} maxLength={3} w={80} />
          <TextInput label={t('creators.results.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} miw={160} />
        </Group>
        {add.isError && (
          <Alert color="red" variant="light">
            {describeError(add.error, i18n).message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending} data-testid="add-result">
            {t('creators.results.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * What a creator brought: conversations with their linked contacts, mentions of their codes in
 * the inbox, the calendar posts of their campaigns and those linked to them (each opens in the
 * calendar), and results entered by hand.
 */
export function PerformancePanel({ creatorId, codes, campaigns }: { creatorId: number; codes: CreatorCode[]; campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const performance = usePerformance(creatorId);
  const remove = useDeleteResult();

  if (performance.isError) return <LoadError message={t('creators.performance.loadFailed')} onRetry={() => void performance.refetch()} />;
  if (performance.data === undefined) return <Skeleton height={240} radius="md" />;
  const p = performance.data;
  const mentionCount = p.mentions.reduce((sum, m) => sum + m.count, 0);
  const more = p.mentions.some((m) => m.more);
  const totals = p.totals.map((total) => formatMoney(total.revenue_cents, total.currency, format.locale)).join(' + ');
  const orders = p.totals.reduce((sum, total) => sum + total.orders, 0);

  return (
    <Stack gap="md" data-testid="performance-panel">
      <Group gap="xs">
        <IconChartBar size={18} aria-hidden />
        <Title order={3} size="h5">
          {t('creators.performance.title')}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('creators.performance.conversations')} value={format.number(p.conversation_count)} testId="stat-conversations" />
        <Stat label={t('creators.performance.mentions')} value={`${format.number(mentionCount)}${more ? '+' : ''}`} testId="stat-mentions" />
        <Stat label={t('creators.performance.orders')} value={format.number(orders)} testId="stat-orders" />
        <Stat label={t('creators.performance.revenue')} value={totals === '' ? '—' : totals} testId="stat-revenue" />
      </SimpleGrid>

      <Section title={t('creators.performance.contacts')} empty={p.contacts.length === 0 ? t('creators.performance.noContacts') : null}>
        {p.contacts.length > 0 && (
          <Group gap="xs">
            {p.contacts.map((c) => (
              <Badge key={c.id} variant="light" color="grape" tt="none" data-testid="performance-contact">
                {c.display_name}
                {c.handle !== '' ? ` · @${c.handle}` : ''}
              </Badge>
            ))}
          </Group>
        )}
        {p.conversations.map((c) => (
          <Group key={c.id} gap="xs" wrap="nowrap">
            <PlatformIcon platform={c.platform} label={t(`platformName.${c.platform}`, { defaultValue: c.platform })} />
            <Anchor component={Link} to={`/?c=${c.id}`} size="sm" lineClamp={1} data-testid="performance-conversation">
              {c.last_preview === '' ? t('creators.performance.conversation', { id: c.id }) : c.last_preview}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {format.dateTime(c.last_message_at)}
            </Text>
          </Group>
        ))}
      </Section>

      <Section title={t('creators.performance.codeMentions')} empty={p.mentions.length === 0 ? t('creators.performance.noCodes') : null}>
        {p.mentions.map((m) => (
          <Stack key={m.code} gap={4} data-testid="code-mentions">
            <Group gap="xs">
              <Code fw={700}>{m.code}</Code>
              <Text size="sm">{t('creators.performance.mentionCount', { count: m.count, more: m.more ? '+' : '' })}</Text>
            </Group>
            {m.recent.map((r) => (
              <Anchor key={r.message.id} component={Link} to={`/?c=${r.message.conversation_id}&m=${r.message.id}`} size="xs" c="dimmed" lineClamp={1}>
                <Snippet text={r.snippet} />
              </Anchor>
            ))}
          </Stack>
        ))}
      </Section>

      <Section
        title={t('creators.performance.posts')}
        empty={p.posts.length === 0 ? t('creators.performance.noPosts') : null}
        testId="performance-posts"
      >
        {p.posts.map((post) => (
          <Group key={post.id} gap="xs" wrap="nowrap" data-testid="performance-post">
            <Anchor component={Link} to={`/calendar?post=${post.id}`} size="sm" lineClamp={1}>
              {post.title}
            </Anchor>
            <Badge variant="light" color="gray" size="sm" tt="none" style={{ flexShrink: 0 }}>
              {t(`calendar.status.${post.status}`, { defaultValue: post.status })}
            </Badge>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              {post.channels.map((channel) => (
                <PlatformIcon key={channel} platform={channel} label={t(`platformName.${channel}`, { defaultValue: channel })} />
              ))}
            </Group>
            <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
              {post.scheduled_at ? format.dateTime(post.scheduled_at) : t('creators.performance.undated')}
            </Text>
          </Group>
        ))}
      </Section>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t('creators.results.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('creators.results.hint')}
          </Text>
          {p.results.length > 0 && (
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('creators.results.date')}</Table.Th>
                  <Table.Th>{t('creators.results.code')}</Table.Th>
                  <Table.Th ta="right">{t('creators.results.orders')}</Table.Th>
                  <Table.Th ta="right">{t('creators.results.revenue')}</Table.Th>
                  <Table.Th>{t('creators.results.note')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.results.map((r) => (
                  <Table.Tr key={r.id} data-testid="result-row">
                    <Table.Td>{formatDay(r.date, format.locale)}</Table.Td>
                    <Table.Td>{r.code}</Table.Td>
                    <Table.Td ta="right">{format.number(r.orders)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(r.revenue_cents, r.currency, format.locale)}</Table.Td>
                    <Table.Td>{r.note}</Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="gray" onClick={() => remove.mutate(r.id)} aria-label={t('creators.results.delete')}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <ResultForm creatorId={creatorId} codes={codes} campaigns={campaigns} />
        </Stack>
      </Card>
    </Stack>
  );
}
