import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError, toApiError } from '@/lib/errors';
import { errorMessage } from '../errors';

/**
 * A failed call, shown where it was made: the translated code as title, the translated message.
 * Without a keyring the backend's own message says what to install, which the short translation
 * cannot: it follows, as the backend wrote it.
 */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { i18n } = useTranslation();
  const apiError = toApiError(error);
  const message = errorMessage(apiError, i18n);
  const hint = apiError.key === 'keyring_unavailable' && apiError.message !== message ? apiError.message : null;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={title ?? describeError(apiError, i18n).title}
      icon={<IconAlertCircle size={18} aria-hidden />}
      data-testid="error-alert"
      data-error-key={apiError.key}
    >
      <Text size="sm">{message}</Text>
      {hint !== null && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Alert>
  );
}
