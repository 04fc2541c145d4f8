import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import { useFormat } from '@/lib/format-context';
import type { CaptionCount } from '../captions';

/** One channel's caption length against its limit, red once over. */
export function CaptionCounter({ count }: { count: CaptionCount }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = t(`platformName.${count.channel}`);
  const label = count.over
    ? t('calendar.caption.counterOver', { channel: name, length: format.number(count.length), limit: format.number(count.limit) })
    : t('calendar.caption.counter', { channel: name, length: format.number(count.length), limit: format.number(count.limit) });
  return (
    <Group gap={4} wrap="nowrap" data-testid={`caption-counter-${count.channel}`} data-over={count.over || undefined} aria-label={label}>
      <PlatformIcon platform={count.channel} size={14} />
      <Text size="xs" c={count.over ? 'red' : 'dimmed'} fw={count.over ? 700 : 400} aria-hidden>
        {count.length.toLocaleString(format.locale)} / {count.limit.toLocaleString(format.locale)}
      </Text>
    </Group>
  );
}
