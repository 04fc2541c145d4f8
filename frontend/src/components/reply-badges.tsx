import { Badge, Group, Text, Tooltip, type MantineColor } from '@mantine/core';
import { IconFlask, IconRobot, IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const STATE_COLORS: Record<string, MantineColor> = {
  draft: 'gray',
  discarded: 'gray',
  pending_approval: 'yellow',
  rejected: 'red',
  queued: 'blue',
  sending: 'blue',
  sent: 'teal',
  failed: 'red',
  blocked: 'orange',
  in_doubt: 'orange',
};

/** Where a reply stands, in words. */
export function ReplyStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" radius="sm" variant="light" color={STATE_COLORS[state] ?? 'gray'} data-testid="reply-state" data-state={state}>
      {t(`replies.state.${state}`, { defaultValue: state })}
    </Badge>
  );
}

/** A reply on the demo channel: recorded, never really sent. */
export function SandboxBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('replies.badge.sandboxHint')} withArrow multiline w={260}>
      <Group gap={6} wrap="wrap" data-testid="sandbox-badge" aria-label={`${t('replies.badge.sandbox')}: ${t('replies.badge.sandboxNote')}`} role="note">
        <Badge size="sm" radius="sm" variant="outline" color="gray" leftSection={<IconFlask size={12} aria-hidden />} tt="none" style={{ flexShrink: 0 }}>
          {t('replies.badge.sandbox')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('replies.badge.sandboxNote')}
        </Text>
      </Group>
    </Tooltip>
  );
}

/** A reply a language model wrote, even if a person edited it since. */
export function AiBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" radius="sm" variant="light" color="grape" leftSection={<IconSparkles size={12} aria-hidden />} tt="none" data-testid="ai-badge">
      {t('replies.badge.ai')}
    </Badge>
  );
}

/** Who wrote a post's caption: '' a person, or the drafter a person started from. */
export type CaptionSource = '' | 'builtin' | 'model';

/** The stronger of two sources: a caption any part of which the model wrote stays marked so. */
export function strongerSource(a: CaptionSource, b: CaptionSource): CaptionSource {
  const rank: Record<CaptionSource, number> = { '': 0, builtin: 1, model: 2 };
  return rank[b] > rank[a] ? b : a;
}

/** What an approver needs to know of who wrote a caption; nothing when a person did. */
export function CaptionSourceBadge({ source }: { source: string }) {
  const { t } = useTranslation();
  if (source === 'model') return <AiBadge />;
  if (source !== 'builtin') return null;
  return (
    <Badge size="sm" radius="sm" variant="light" color="gray" leftSection={<IconSparkles size={12} aria-hidden />} tt="none" data-testid="builtin-badge">
      {t('replies.badge.builtinCaption')}
    </Badge>
  );
}

/** A reply no person wrote or chose (rules, flows, autopilot). */
export function AutomatedBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" radius="sm" variant="light" color="cyan" leftSection={<IconRobot size={12} aria-hidden />} tt="none" data-testid="automated-badge">
      {t('replies.badge.automated')}
    </Badge>
  );
}
