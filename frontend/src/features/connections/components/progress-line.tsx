import { Group, Progress, Stack, Text } from '@mantine/core';

/**
 * A labelled progress bar: `done` of `total`, or, when the total is unknown (0), an animated bar
 * that says how much is done without pretending to know how much is left.
 */
export function ProgressLine({ label, detail, done, total, testId }: { label: string; detail: string; done: number; total: number; testId?: string }) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 100;
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {detail}
        </Text>
      </Group>
      {known ? (
        <Progress value={percent} aria-label={label} size="md" radius="xl" transitionDuration={300} />
      ) : (
        <Progress.Root size="md" radius="xl" role="progressbar" aria-label={label} aria-valuetext={detail}>
          <Progress.Section value={100} striped animated withAria={false} />
        </Progress.Root>
      )}
    </Stack>
  );
}
