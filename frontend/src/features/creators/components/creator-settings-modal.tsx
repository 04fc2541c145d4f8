import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Skeleton, Stack, TagsInput, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreatorSettings } from '../api/get-settings';
import { useUpdateCreatorSettings } from '../api/update-settings';
import { tidyTerritories } from '../territory';
import { NICHES, type CreatorSettings } from '../types';

function SettingsForm({ settings, onDone }: { settings: CreatorSettings; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCreatorSettings();
  const [days, setDays] = useState<number | string>(settings.alert_days);
  const [territories, setTerritories] = useState(settings.target_territories);
  const [benchmarks, setBenchmarks] = useState(settings.benchmarks);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { alert_days: typeof days === 'number' ? days : 0, target_territories: tidyTerritories(territories), benchmarks },
      {
        onSuccess: () => {
          notifySuccess(t('creators.settings.saved'));
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="creator-settings">
      <Stack gap="md">
        {update.isError && (
          <Alert color="red" variant="light">
            {describeError(update.error, i18n).message}
          </Alert>
        )}
        <NumberInput label={t('creators.settings.alertDays')} description={t('creators.settings.alertDaysHint')} value={days} onChange={setDays} min={1} max={365} allowDecimal={false} data-testid="alert-days" />
        <TagsInput
          label={t('creators.settings.territories')}
          description={t('creators.settings.territoriesHint')}
          value={territories}
          onChange={(values) => setTerritories(tidyTerritories(values))}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('creators.settings.benchmarks')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('creators.settings.benchmarksHint')}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {NICHES.map((niche) => (
              <NumberInput
                key={niche}
                label={t(`creators.niche.${niche}`)}
                value={benchmarks[niche] ?? ''}
                onChange={(v) => setBenchmarks((b) => ({ ...b, [niche]: typeof v === 'number' ? v : 0 }))}
                min={0.1}
                max={100}
                decimalScale={2}
                step={0.1}
                suffix=" %"
              />
            ))}
          </SimpleGrid>
        </Stack>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The alert window, the brand's territories and the engagement benchmarks of the fit score. */
export function CreatorSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const settings = useCreatorSettings();
  return (
    <Modal opened={opened} onClose={onClose} title={t('creators.settings.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {settings.data === undefined ? <Skeleton height={300} /> : <SettingsForm settings={settings.data} onDone={onClose} />}
    </Modal>
  );
}
