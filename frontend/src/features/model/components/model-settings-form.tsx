import { Autocomplete, Button, Card, Group, Input, NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage, toApiError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useCheckModel } from '../api/check-model';
import { useUpdateModelSettings } from '../api/update-model-settings';
import { CUSTOM_PRESET, MAX_BRAND_VOICE_CHARS, MAX_TIMEOUT_SECONDS, type ModelCheck, type ModelPreset, type ModelSettings } from '../types';
import { ConnectionResult } from './connection-result';

type Editable = Omit<ModelSettings, 'has_key'>;

function editableOf(settings: ModelSettings): Editable {
  return {
    enabled: settings.enabled,
    preset: settings.preset,
    base_url: settings.base_url,
    model: settings.model,
    temperature: settings.temperature,
    timeout_seconds: settings.timeout_seconds,
    brand_voice: settings.brand_voice,
  };
}

function same(a: Editable, b: Editable): boolean {
  return (Object.keys(a) as (keyof Editable)[]).every((key) => Object.is(a[key], b[key]));
}

/**
 * The optional OpenAI-compatible model: a preset fills the server address and a model, the rest
 * is tuned by hand; a connection test says what the saved server offers. The API key has its own
 * card and never passes through this form.
 */
export function ModelSettingsForm({ settings, presets }: { settings: ModelSettings; presets: ModelPreset[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const saved = editableOf(settings);
  const [form, setForm] = useState<Editable>(saved);
  const update = useUpdateModelSettings();
  const check = useCheckModel();
  const [checked, setChecked] = useState<{ result?: ModelCheck; error?: unknown; model: string } | null>(null);
  const dirty = !same(form, saved);

  // An emptied number field is caught here rather than sent as 0.
  const [emptied, setEmptied] = useState<{ temperature?: boolean; timeout_seconds?: boolean }>({});
  const errors = {
    preset: fieldMessage(update.error, i18n, (key) => key === 'model_preset_unknown'),
    base_url: fieldMessage(update.error, i18n, (key) => key === 'model_base_url_invalid'),
    model: fieldMessage(update.error, i18n, (key) => key === 'model_name_required'),
    temperature:
      emptied.temperature === true ? t('errors.model_temperature_range') : fieldMessage(update.error, i18n, (key) => key === 'model_temperature_range'),
    timeout_seconds:
      emptied.timeout_seconds === true
        ? t('errors.model_timeout_range', { limit: MAX_TIMEOUT_SECONDS })
        : fieldMessage(update.error, i18n, (key) => key === 'model_timeout_range'),
    brand_voice: fieldMessage(update.error, i18n, (key) => key === 'model_brand_voice_too_long'),
  };
  const otherError = update.error !== null && Object.values(errors).every((message) => message === undefined) ? describeError(update.error, i18n).message : undefined;

  function edit(change: Partial<Editable>) {
    setForm((current) => ({ ...current, ...change }));
    setEmptied({});
    if (update.isError) update.reset();
  }

  /** Whether the form can be sent; flags emptied number fields otherwise. */
  function complete(): boolean {
    const missing = { temperature: Number.isNaN(form.temperature), timeout_seconds: Number.isNaN(form.timeout_seconds) };
    setEmptied(missing);
    return !missing.temperature && !missing.timeout_seconds;
  }

  function choosePreset(id: string) {
    const preset = presets.find((each) => each.id === id);
    edit(preset === undefined ? { preset: CUSTOM_PRESET } : { preset: preset.id, base_url: preset.base_url, model: preset.model });
  }

  const toSave = (): ModelSettings => ({ ...form, base_url: form.base_url.trim(), model: form.model.trim(), has_key: settings.has_key });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!complete()) return;
    update.mutate(toSave(), { onSuccess: () => notifySuccess(t('aiModel.saved')) });
  }

  /** Tests the saved settings; unsaved changes are saved first, since the test runs on the backend's settings. */
  async function testConnection() {
    setChecked(null);
    if (!complete()) return;
    const model = form.model.trim();
    if (dirty) {
      try {
        await update.mutateAsync(toSave());
      } catch {
        return;
      }
    }
    try {
      setChecked({ result: await check.mutateAsync(), model });
    } catch (error) {
      setChecked({ error: toApiError(error), model });
    }
  }

  const presetData = [...presets.map((preset) => ({ value: preset.id, label: preset.name })), { value: CUSTOM_PRESET, label: t('aiModel.custom') }];
  const voiceLength = [...form.brand_voice].length;
  const testing = check.isPending || (update.isPending && dirty);

  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-labelledby="model-title">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h4" id="model-title">
              {t('aiModel.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('aiModel.hint')}
            </Text>
          </div>
        </Group>

        <Switch
          label={t('aiModel.enabled')}
          description={t('aiModel.enabledHint')}
          checked={form.enabled}
          onChange={(event) => edit({ enabled: event.currentTarget.checked })}
        />

        <Input.Wrapper label={t('aiModel.preset')} description={t('aiModel.presetHint')} error={errors.preset} id="model-preset" labelElement="div">
          <SegmentedControl
            mt={6}
            data={presetData}
            value={presetData.some((item) => item.value === form.preset) ? form.preset : CUSTOM_PRESET}
            onChange={choosePreset}
            aria-labelledby="model-preset-label"
            fullWidth
          />
        </Input.Wrapper>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <TextInput
            label={t('aiModel.baseUrl')}
            description={t('aiModel.baseUrlHint')}
            placeholder="http://localhost:11434/v1"
            value={form.base_url}
            onChange={(event) => edit({ base_url: event.currentTarget.value })}
            error={errors.base_url}
            spellCheck={false}
            autoComplete="off"
          />
          <Autocomplete
            label={t('aiModel.model')}
            description={t('aiModel.modelHint')}
            value={form.model}
            onChange={(model) => edit({ model })}
            data={checked?.result?.models ?? []}
            error={errors.model}
            spellCheck={false}
            autoComplete="off"
          />
          <NumberInput
            label={t('aiModel.temperature')}
            description={t('aiModel.temperatureHint')}
            value={Number.isNaN(form.temperature) ? '' : form.temperature}
            onChange={(value) => edit({ temperature: typeof value === 'number' ? value : Number.NaN })}
            min={0}
            max={2}
            step={0.1}
            decimalScale={2}
            clampBehavior="strict"
            allowNegative={false}
            error={errors.temperature}
          />
          <NumberInput
            label={t('aiModel.timeout')}
            description={t('aiModel.timeoutHint', { limit: MAX_TIMEOUT_SECONDS })}
            value={Number.isNaN(form.timeout_seconds) ? '' : form.timeout_seconds}
            onChange={(value) => edit({ timeout_seconds: typeof value === 'number' ? value : Number.NaN })}
            min={1}
            max={MAX_TIMEOUT_SECONDS}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('aiModel.seconds')}`}
            error={errors.timeout_seconds}
          />
        </SimpleGrid>

        <Textarea
          label={t('aiModel.brandVoice')}
          description={t('aiModel.brandVoiceHint', { length: format.number(voiceLength), limit: format.number(MAX_BRAND_VOICE_CHARS) })}
          placeholder={t('aiModel.brandVoicePlaceholder')}
          value={form.brand_voice}
          onChange={(event) => edit({ brand_voice: event.currentTarget.value })}
          error={errors.brand_voice}
          maxLength={MAX_BRAND_VOICE_CHARS}
          autosize
          minRows={3}
          maxRows={10}
        />

        {otherError !== undefined && (
          <Text size="sm" c="red" role="alert">
            {otherError}
          </Text>
        )}

        <Group justify="space-between" wrap="wrap" gap="sm">
          <Button variant="light" leftSection={<IconPlugConnected size={16} aria-hidden />} onClick={() => void testConnection()} loading={testing}>
            {dirty ? t('aiModel.check.saveAndTest') : t('aiModel.check.test')}
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!dirty || update.isPending}
              onClick={() => {
                setForm(saved);
                update.reset();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending && !testing} disabled={!dirty}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>

        {checked !== null && (
          <ConnectionResult result={checked.result} error={checked.error ?? null} model={checked.model} onUseModel={(model) => edit({ model })} />
        )}
      </Stack>
    </Card>
  );
}
