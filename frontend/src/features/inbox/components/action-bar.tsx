import { ActionIcon, Autocomplete, Badge, Button, CloseButton, Group, Menu, Modal, Popover, Stack, Text, TextInput } from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconChevronDown,
  IconClockPause,
  IconRestore,
  IconTag,
  IconTargetArrow,
  IconUserCircle,
} from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import type { ConversationActions } from '../hooks/use-conversation-actions';
import { parseLocalDateTime, SNOOZE_PRESETS, snoozeUntil, toLocalDateTime, type SnoozePreset } from '../snooze';
import { INTENTS, type Conversation } from '../types';

export type ActionMenu = 'snooze' | 'assign' | 'tag' | 'intent';

export interface ActionBarProps {
  conversations: Conversation[];
  actions: ConversationActions;
  /** The menu open (from a shortcut or a click); null when none is. */
  menu: ActionMenu | null;
  onMenuChange: (menu: ActionMenu | null) => void;
  /** Names people already assigned, as suggestions. */
  assignees: string[];
  compact?: boolean;
}

function SnoozeCustomModal({ opened, onClose, onSnooze }: { opened: boolean; onClose: () => void; onSnooze: (until: Date) => void }) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const now = useNow();
  const [value, setValue] = useState(() => toLocalDateTime(new Date(now + 24 * 3_600_000), timeZone));
  const until = parseLocalDateTime(value, timeZone);
  const inPast = until !== null && until.getTime() <= now;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (until === null || inPast) return;
    onSnooze(until);
    onClose();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.snooze.customTitle')} centered size="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            type="datetime-local"
            label={t('inbox.snooze.until')}
            description={timeZone === undefined ? undefined : t('inbox.snooze.timeZone', { timeZone })}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={inPast ? t('errors.snooze_in_past') : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={until === null || inPast}>
              {t('inbox.actions.snooze')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Assign, tag, correct the intent, mark as spam, snooze, resolve or reopen the given conversations. */
export function ActionBar({ conversations, actions, menu, onMenuChange, assignees, compact = false }: ActionBarProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const ids = conversations.map((conversation) => conversation.id);
  const [customSnooze, setCustomSnooze] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [tag, setTag] = useState('');
  const allResolved = conversations.length > 0 && conversations.every((conversation) => conversation.status === 'resolved');
  const tags = [...new Set(conversations.flatMap((conversation) => conversation.tags))].sort();
  const currentAssignee = conversations.length === 1 ? (conversations[0]?.assignee ?? '') : '';

  const toggle = (which: ActionMenu) => (opened: boolean) => onMenuChange(opened ? which : menu === which ? null : menu);

  function snoozePreset(preset: SnoozePreset) {
    const until = snoozeUntil(preset, new Date(), format.timeZone);
    actions.snooze(ids, until, format.dateTime(until.toISOString()));
  }

  function submitAssignee(event: FormEvent) {
    event.preventDefault();
    if (assignee.trim() === '') return;
    actions.assign(ids, assignee.trim());
    setAssignee('');
    onMenuChange(null);
  }

  function submitTag(event: FormEvent) {
    event.preventDefault();
    if (tag.trim() === '') return;
    actions.addTag(ids, tag.trim());
    setTag('');
  }

  return (
    <Group gap={6} wrap="nowrap">
      <Popover opened={menu === 'assign'} onChange={toggle('assign')} position="bottom-end" trapFocus withArrow shadow="md" width={260}>
        <Popover.Target>
          {compact ? (
            <ActionIcon
              variant="default"
              size={26}
              aria-label={t('inbox.actions.assign')}
              title={`${t('inbox.actions.assign')} (a)`}
              onClick={() => onMenuChange(menu === 'assign' ? null : 'assign')}
            >
              <IconUserCircle size={15} aria-hidden />
            </ActionIcon>
          ) : (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconUserCircle size={15} aria-hidden />}
              aria-label={t('inbox.actions.assign')}
              title={`${t('inbox.actions.assign')} (a)`}
              onClick={() => onMenuChange(menu === 'assign' ? null : 'assign')}
            >
              {currentAssignee === '' ? t('inbox.actions.assign') : currentAssignee}
            </Button>
          )}
        </Popover.Target>
        <Popover.Dropdown>
          <form onSubmit={submitAssignee}>
            <Stack gap="xs">
              <Autocomplete
                size="xs"
                label={t('inbox.actions.assignTo')}
                placeholder={t('inbox.actions.assigneePlaceholder')}
                data={assignees}
                value={assignee}
                onChange={setAssignee}
                data-autofocus
                comboboxProps={{ withinPortal: false }}
              />
              <Group justify="space-between">
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    actions.assign(ids, '');
                    onMenuChange(null);
                  }}
                >
                  {t('inbox.actions.unassign')}
                </Button>
                <Button size="compact-xs" type="submit" disabled={assignee.trim() === ''}>
                  {t('inbox.actions.assign')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>

      <Popover opened={menu === 'tag'} onChange={toggle('tag')} position="bottom-end" trapFocus withArrow shadow="md" width={260}>
        <Popover.Target>
          <ActionIcon
            variant="default"
            size={26}
            aria-label={t('inbox.actions.tag')}
            title={`${t('inbox.actions.tag')} (t)`}
            onClick={() => onMenuChange(menu === 'tag' ? null : 'tag')}
          >
            <IconTag size={15} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <form onSubmit={submitTag}>
              <TextInput
                size="xs"
                label={t('inbox.actions.addTag')}
                placeholder={t('inbox.actions.tagPlaceholder')}
                value={tag}
                onChange={(event) => setTag(event.currentTarget.value)}
                data-autofocus
                maxLength={40}
              />
            </form>
            {tags.length > 0 && (
              <Group gap={4}>
                {tags.map((existing) => (
                  <Badge
                    key={existing}
                    variant="default"
                    tt="none"
                    fw={500}
                    rightSection={
                      <CloseButton
                        size="xs"
                        aria-label={t('inbox.actions.removeTag', { tag: existing })}
                        onClick={() => actions.removeTag(ids, existing)}
                      />
                    }
                  >
                    #{existing}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>

      <Menu opened={menu === 'intent'} onChange={toggle('intent')} position="bottom-end" withArrow shadow="md">
        <Menu.Target>
          <ActionIcon variant="default" size={26} aria-label={t('inbox.actions.correctIntent')} title={t('inbox.actions.correctIntent')}>
            <IconTargetArrow size={15} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('inbox.actions.correctIntentHint')}</Menu.Label>
          {INTENTS.map((intent) => (
            <Menu.Item key={intent} onClick={() => void actions.correctIntent(ids, intent)}>
              {t(`inbox.intent.${intent}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>

      <ActionIcon variant="default" size={26} aria-label={t('inbox.actions.spam')} title={`${t('inbox.actions.spam')} (#)`} onClick={() => actions.markSpam(ids)}>
        <IconBan size={15} aria-hidden />
      </ActionIcon>

      <Menu opened={menu === 'snooze'} onChange={toggle('snooze')} position="bottom-end" withArrow shadow="md">
        <Menu.Target>
          {compact ? (
            <ActionIcon variant="default" size={26} aria-label={t('inbox.actions.snooze')} title={`${t('inbox.actions.snooze')} (s)`}>
              <IconClockPause size={15} aria-hidden />
            </ActionIcon>
          ) : (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconClockPause size={15} aria-hidden />}
              rightSection={<IconChevronDown size={12} aria-hidden />}
              aria-label={t('inbox.actions.snooze')}
              title={`${t('inbox.actions.snooze')} (s)`}
            >
              {t('inbox.actions.snooze')}
            </Button>
          )}
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('inbox.snooze.title')}</Menu.Label>
          {SNOOZE_PRESETS.map((preset) => {
            const until = snoozeUntil(preset, new Date(now), format.timeZone);
            return (
              <Menu.Item key={preset} onClick={() => snoozePreset(preset)} rightSection={<Text size="xs" c="dimmed">{format.dateTime(until.toISOString())}</Text>}>
                {t(`inbox.snooze.${preset}`)}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item onClick={() => setCustomSnooze(true)}>{t('inbox.snooze.custom')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>

      {allResolved ? (
        <Button size="compact-sm" variant="light" leftSection={<IconRestore size={15} aria-hidden />} onClick={() => actions.reopen(ids)}>
          {t('inbox.actions.reopen')}
        </Button>
      ) : (
        <Button size="compact-sm" leftSection={<IconCheck size={15} aria-hidden />} onClick={() => actions.resolve(ids)} title={`${t('inbox.actions.resolve')} (e)`}>
          {t('inbox.actions.resolve')}
        </Button>
      )}

      {customSnooze && (
        <SnoozeCustomModal
          opened
          onClose={() => setCustomSnooze(false)}
          onSnooze={(until) => actions.snooze(ids, until, format.dateTime(until.toISOString()))}
        />
      )}
    </Group>
  );
}
