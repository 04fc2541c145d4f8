import { Badge, Box, Tooltip, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Intent, Kind, Priority, Sentiment } from '../types';

export const PRIORITY_COLORS: Record<Priority, MantineColor> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'gray' };
export const INTENT_COLORS: Record<Intent, MantineColor> = { sale: 'teal', support: 'indigo', spam: 'gray', danger: 'red', other: 'grape' };
export const SENTIMENT_COLORS: Record<Sentiment, MantineColor> = { positive: 'teal', neutral: 'gray', negative: 'red' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" radius="sm" style={{ flexShrink: 0 }} variant={priority === 'urgent' ? 'filled' : 'light'} color={PRIORITY_COLORS[priority]}>
      {t(`inbox.priority.${priority}`)}
    </Badge>
  );
}

export function IntentBadge({ intent }: { intent: Intent }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" radius="sm" variant="light" color={INTENT_COLORS[intent]} style={{ flexShrink: 0 }}>
      {t(`inbox.intent.${intent}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" radius="sm" variant="outline" color="gray" style={{ flexShrink: 0 }}>
      {t(`inbox.kindShort.${kind}`)}
    </Badge>
  );
}

/** A coloured dot whose tooltip and accessible name say the sentiment. */
export function SentimentDot({ sentiment, score }: { sentiment: Sentiment; score?: number }) {
  const { t } = useTranslation();
  const label =
    score === undefined ? t(`inbox.sentiment.${sentiment}`) : t('inbox.sentimentScore', { sentiment: t(`inbox.sentiment.${sentiment}`), score: score.toFixed(2) });
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        w={8}
        h={8}
        style={{ borderRadius: '50%', flexShrink: 0, backgroundColor: `var(--mantine-color-${SENTIMENT_COLORS[sentiment]}-6)` }}
      />
    </Tooltip>
  );
}
