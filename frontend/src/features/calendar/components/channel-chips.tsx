import { Chip, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { POST_CHANNELS } from '../types';

/** A labelled group of chips, one per channel posts are planned for. */
export function ChannelChips({ label, value, onChange, error }: { label: string; value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <Chip.Group multiple value={value} onChange={(next) => onChange(POST_CHANNELS.filter((c) => next.includes(c)))}>
        <Group gap={6} role="group" aria-labelledby={id}>
          {POST_CHANNELS.map((channel) => (
            <Chip key={channel} value={channel} size="xs">
              {t(`platformName.${channel}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error !== undefined && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
