import { ActionIcon, Badge, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import type { AuditEntry, AuditFilter } from '../types';
import { SnapshotDiff } from './snapshot-diff';

const SYSTEM_ACTORS: Record<string, string> = { 'tend:autopilot': 'autopilot', 'tend:outbox': 'outbox', 'tend:system': 'system' };

/** An actor as people read it: "Autopilot", "Contact #5", or the person's name. */
export function actorLabel(actor: string, t: TFunction): string {
  const system = SYSTEM_ACTORS[actor];
  if (system !== undefined) return t(`audit.actor.${system}`);
  const contact = /^contact:(\d+)$/.exec(actor);
  if (contact !== null) return t('audit.actor.contact', { id: contact[1] });
  return actor === '' ? t('audit.actor.unknown') : actor;
}

/** A subject as people read it: "Reply #12", "Contact #5", "Settings", else as stored. */
export function subjectLabel(subject: string, t: TFunction): string {
  const match = /^([a-z_]+):(.+)$/.exec(subject);
  if (match !== null) return t(`audit.subject.${match[1]}`, { id: match[2], defaultValue: subject });
  return t(`audit.subject.${subject}`, { defaultValue: subject });
}

/** The action's label in the interface language; an action this version does not know shows as stored. */
export function actionLabel(action: string, t: TFunction): string {
  return t(`audit.action.${action}`, { defaultValue: action });
}

const ACTION_COLORS: Record<string, string> = { reply: 'teal', consent: 'grape', settings: 'blue', policy: 'orange', model: 'indigo' };

function FilterButton({ label, title, onClick }: { label: string; title: string; onClick: () => void }) {
  return (
    <Tooltip label={title} openDelay={400}>
      <UnstyledButton onClick={onClick} aria-label={title} style={{ borderRadius: 4 }}>
        <Text size="sm" span td="underline dotted" style={{ textUnderlineOffset: 3 }}>
          {label}
        </Text>
      </UnstyledButton>
    </Tooltip>
  );
}

function EntryRow({ entry, onFilter }: { entry: AuditEntry; onFilter: (change: Partial<AuditFilter>) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const area = entry.action.split('.')[0] ?? '';
  const detailsId = `audit-entry-${entry.seq}`;
  const hasSnapshots = (entry.before !== null && entry.before !== undefined) || (entry.after !== null && entry.after !== undefined);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={t('audit.table.toggle', { seq: entry.seq })}
            disabled={!hasSnapshots}
          >
            {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm" component="time" dateTime={entry.at} title={`#${entry.seq}`}>
            {format.dateTime(entry.at)}
          </Text>
        </Table.Td>
        <Table.Td>
          <FilterButton label={actorLabel(entry.actor, t)} title={t('audit.table.filterActor', { actor: entry.actor })} onClick={() => onFilter({ actor: entry.actor })} />
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={ACTION_COLORS[area] ?? 'gray'} tt="none" fw={600} title={entry.action}>
            {actionLabel(entry.action, t)}
          </Badge>
        </Table.Td>
        <Table.Td>
          {entry.subject === '' ? (
            <Text c="dimmed">—</Text>
          ) : (
            <FilterButton label={subjectLabel(entry.subject, t)} title={t('audit.table.filterSubject', { subject: entry.subject })} onClick={() => onFilter({ subject: entry.subject })} />
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" c={entry.reason === '' ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {entry.reason === '' ? '—' : entry.reason}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td />
          <Table.Td colSpan={5} pb="md">
            <SnapshotDiff before={entry.before} after={entry.after} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** The entries, newest first; each row unfolds its before/after snapshots. Actor and subject filter on click. */
export function AuditTable({ entries, onFilter }: { entries: AuditEntry[]; onFilter: (change: Partial<AuditFilter>) => void }) {
  const { t } = useTranslation();
  return (
    <Table highlightOnHover verticalSpacing={6} aria-label={t('audit.table.label')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={44}>
            <VisuallyHidden>{t('audit.table.details')}</VisuallyHidden>
          </Table.Th>
          <Table.Th w={170}>{t('audit.table.time')}</Table.Th>
          <Table.Th w={160}>{t('audit.table.actor')}</Table.Th>
          <Table.Th w={210}>{t('audit.table.action')}</Table.Th>
          <Table.Th w={150}>{t('audit.table.subject')}</Table.Th>
          <Table.Th>{t('audit.table.reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <EntryRow key={entry.seq} entry={entry} onFilter={onFilter} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
