import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" mt="xl">
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed">{t('notFound.message')}</Text>
      <Button component={Link} to={paths.inbox} variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
