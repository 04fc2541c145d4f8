import { Alert, Button } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Stands in for data that failed to load; the failure itself was already notified. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('loadError.title')} icon={<IconAlertCircle aria-hidden />}>
      {message}{' '}
      <Button variant="subtle" color="red" size="compact-sm" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
