import { Button, Group, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertTriangle, IconFilterOff, IconFlask } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { activeFilterCount, DEFAULT_FILTERS, type InboxFilters } from '../filters';
import { INTENTS, KINDS, LANGUAGES, PRIORITIES, SLA_STATES, type Channel, type InboxCounts } from '../types';
import classes from './inbox.module.css';
import { PlatformIcon } from '@/components/platform-icon';

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

function FilterRow({
  label,
  count,
  active,
  onClick,
  icon,
  extra,
  title,
}: {
  label: string;
  title?: string;
  count: number | undefined;
  active: boolean;
  onClick: () => void;
  icon?: ReactNode;
  extra?: ReactNode;
}) {
  const format = useFormat();
  return (
    <UnstyledButton className={classes.filterRow} data-active={active || undefined} aria-pressed={active} onClick={onClick} title={title}>
      <Group gap={6} wrap="nowrap" miw={0}>
        {icon}
        <Text size="sm" fw="inherit" c="inherit" truncate="end">
          {label}
        </Text>
        {extra}
      </Group>
      {count !== undefined && (
        <Text size="xs" c={active ? 'inherit' : 'dimmed'} fw="inherit" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {format.number(count)}
        </Text>
      )}
    </UnstyledButton>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={1} component="section" aria-label={title}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.5} px={8} mb={2}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** A text filter applied once typing pauses. */
function DebouncedFilterInput({ label, value, placeholder, onChange }: { label: string; value: string; placeholder: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A filter changed elsewhere (back/forward, clear) replaces what was typed.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const apply = useDebouncedCallback(onChange, 400);
  return (
    <TextInput
      size="xs"
      aria-label={label}
      placeholder={placeholder}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        apply(event.currentTarget.value.trim());
      }}
      mx={4}
    />
  );
}

export interface FilterPanelProps {
  filters: InboxFilters;
  counts: InboxCounts | undefined;
  channels: Channel[];
  onChange: (filters: InboxFilters) => void;
}

/** A channel's name without the platform it starts with, which its icon already shows. */
function channelLabel(channel: Channel): string {
  const [first, ...rest] = channel.name.split(' · ');
  return rest.length > 0 && first?.toLowerCase() === channel.platform.toLowerCase() ? rest.join(' · ') : channel.name;
}

/** Every criterion of the inbox with how many conversations each would show. */
export function FilterPanel({ filters, counts, channels, onChange }: FilterPanelProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  const active = activeFilterCount(filters);

  return (
    <Stack gap="md" p="sm" pb="xl">
      <Group justify="space-between" px={8} h={28}>
        <Text size="sm" fw={700}>
          {t('inbox.filters.title')}
        </Text>
        {active > 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconFilterOff size={13} aria-hidden />}
            onClick={() => onChange({ ...DEFAULT_FILTERS, status: filters.status })}
          >
            {t('inbox.filters.clear')}
          </Button>
        )}
      </Group>

      <Section title={t('inbox.filters.attention')}>
        <FilterRow
          label={t('inbox.filters.escalated')}
          count={counts?.escalated}
          active={filters.escalated}
          onClick={() => set({ escalated: !filters.escalated })}
          icon={<IconAlertTriangle size={14} aria-hidden color="var(--mantine-color-orange-6)" />}
        />
        {SLA_STATES.map((sla) => (
          <FilterRow
            key={sla}
            label={t(`inbox.filters.sla.${sla}`)}
            count={counts?.[sla]}
            active={filters.sla === sla}
            onClick={() => set({ sla: filters.sla === sla ? null : sla })}
          />
        ))}
        <FilterRow
          label={t('inbox.filters.unassigned')}
          count={counts?.unassigned}
          active={filters.assignee === '-'}
          onClick={() => set({ assignee: filters.assignee === '-' ? '' : '-' })}
        />
      </Section>

      <Section title={t('inbox.filters.channels')}>
        {channels.map((channel) => (
          <FilterRow
            key={channel.id}
            label={channelLabel(channel)}
            title={channel.name}
            count={counts?.channels[String(channel.id)] ?? (counts === undefined ? undefined : 0)}
            active={filters.channels.includes(channel.id)}
            onClick={() => set({ channels: toggled(filters.channels, channel.id) })}
            icon={<PlatformIcon platform={channel.platform} size={14} label={channel.platform} />}
            extra={
              channel.kind === 'sandbox' ? (
                <Tooltip label={t('inbox.sandboxHint')} withArrow openDelay={300}>
                  <IconFlask size={13} aria-label={t('inbox.sandbox')} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
                </Tooltip>
              ) : undefined
            }
          />
        ))}
      </Section>

      <Section title={t('inbox.filters.intent')}>
        {INTENTS.map((intent) => (
          <FilterRow
            key={intent}
            label={t(`inbox.intent.${intent}`)}
            count={counts?.intents[intent] ?? (counts === undefined ? undefined : 0)}
            active={filters.intents.includes(intent)}
            onClick={() => set({ intents: toggled(filters.intents, intent) })}
          />
        ))}
      </Section>

      <Section title={t('inbox.filters.priority')}>
        {PRIORITIES.map((priority) => (
          <FilterRow
            key={priority}
            label={t(`inbox.priority.${priority}`)}
            count={counts?.priorities[priority] ?? (counts === undefined ? undefined : 0)}
            active={filters.priorities.includes(priority)}
            onClick={() => set({ priorities: toggled(filters.priorities, priority) })}
          />
        ))}
      </Section>

      <Section title={t('inbox.filters.kind')}>
        {KINDS.map((kind) => (
          <FilterRow
            key={kind}
            label={t(`inbox.kind.${kind}`)}
            count={counts?.kinds[kind] ?? (counts === undefined ? undefined : 0)}
            active={filters.kinds.includes(kind)}
            onClick={() => set({ kinds: toggled(filters.kinds, kind) })}
          />
        ))}
      </Section>

      <Section title={t('inbox.filters.language')}>
        {LANGUAGES.map((language) => (
          <FilterRow
            key={language}
            label={t(`inbox.language.${language}`)}
            count={counts?.languages[language] ?? (counts === undefined ? undefined : 0)}
            active={filters.languages.includes(language)}
            onClick={() => set({ languages: toggled(filters.languages, language) })}
          />
        ))}
      </Section>

      <Section title={t('inbox.filters.assignee')}>
        <DebouncedFilterInput
          label={t('inbox.filters.assignee')}
          placeholder={t('inbox.filters.assigneePlaceholder')}
          value={filters.assignee === '-' ? '' : filters.assignee}
          onChange={(assignee) => set({ assignee })}
        />
      </Section>

      <Section title={t('inbox.filters.tag')}>
        <DebouncedFilterInput
          label={t('inbox.filters.tag')}
          placeholder={t('inbox.filters.tagPlaceholder')}
          value={filters.tag}
          onChange={(tag) => set({ tag })}
        />
      </Section>
    </Stack>
  );
}
