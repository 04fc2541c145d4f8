import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKey, IconPlant2 } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setToken } from '@/lib/token';

/** Asks for the access token `tend serve` printed, when the browser has none or it was refused. */
export function TokenScreen({ rejected }: { rejected: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim() === '') {
      setMissing(true);
      return;
    }
    queryClient.clear();
    setToken(value);
  }

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={420} component="main">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Group gap="sm">
              <ThemeIcon size="lg" radius="md" variant="filled">
                <IconPlant2 size={20} aria-hidden />
              </ThemeIcon>
              <Title order={1} size="h3">
                {t('token.title')}
              </Title>
            </Group>
            <Text c="dimmed" size="sm">
              {t('token.intro')}
            </Text>
            {rejected && (
              <Alert color="red" variant="light" role="alert">
                {t('token.rejected')}
              </Alert>
            )}
            <PasswordInput
              label={t('token.label')}
              leftSection={<IconKey size={16} aria-hidden />}
              value={value}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? t('token.required') : undefined}
              autoComplete="off"
              data-autofocus
              autoFocus
            />
            <Button type="submit" fullWidth>
              {t('token.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
