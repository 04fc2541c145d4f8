import { Button, Card, Code, Collapse, Group, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

function errorDetails(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** What a page shows instead of crashing: a friendly explanation, the details folded, a reload. */
export function ErrorCard({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const [detailsShown, details] = useDisclosure(false);
  return (
    <Card withBorder radius="md" padding="xl" maw={640} mx="auto" mt="xl" role="alert">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color="orange" variant="light" size="lg" radius="md">
            <IconAlertTriangle size={20} aria-hidden />
          </ThemeIcon>
          <Title order={2} size="h3">
            {t('errorBoundary.title')}
          </Title>
        </Group>
        <Text c="dimmed">{t('errorBoundary.message')}</Text>
        <UnstyledButton onClick={details.toggle} aria-expanded={detailsShown}>
          <Group gap={4}>
            {detailsShown ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
            <Text size="sm">{t('errorBoundary.details')}</Text>
          </Group>
        </UnstyledButton>
        <Collapse in={detailsShown}>
          <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
            {errorDetails(error)}
          </Code>
        </Collapse>
        <Group>
          <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => window.location.reload()}>
            {t('errorBoundary.reload')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
