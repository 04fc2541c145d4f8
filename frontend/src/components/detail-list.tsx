import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  /** Paths and other machine text: shown in a monospace font and allowed to break anywhere. */
  monospace?: boolean;
}

/** Label/value pairs as a description list, two columns on wide screens. */
export function DetailList({ details }: { details: Detail[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md" m={0}>
      {details.map(({ label, value, monospace }) => (
        <Box key={label}>
          <Text component="dt" size="xs" tt="uppercase" fw={600} c="dimmed" lts={0.4}>
            {label}
          </Text>
          <Text
            component="dd"
            m={0}
            mt={4}
            ff={monospace === true ? 'monospace' : undefined}
            size={monospace === true ? 'sm' : 'md'}
            style={{ overflowWrap: 'anywhere' }}
          >
            {value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
