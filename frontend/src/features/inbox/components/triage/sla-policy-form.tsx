import { Button, Card, Checkbox, Chip, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useUpdateTriageSettings } from '../../api/update-triage-settings';
import { INTENTS, KINDS, type BusinessHours, type SlaPolicy, type TriageSettings } from '../../types';

const DEFAULT_HOURS: Omit<BusinessHours, 'time_zone'> = { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' };
/** Monday first, as calendars in both languages show it; values stay 0 = Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

function MinutesInput({ label, value, onChange, optional = false }: { label: string; value: number | undefined; onChange: (value: number | undefined) => void; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={label}
      value={value ?? ''}
      onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
      min={1}
      max={60 * 24 * 30}
      allowDecimal={false}
      allowNegative={false}
      suffix={` ${t('triage.sla.minutesSuffix')}`}
      placeholder={optional ? t('triage.sla.notSet') : undefined}
    />
  );
}

/** Answer-time targets per kind and intent, escalations, and the business hours the clock runs in. */
export function SlaPolicyForm({ settings }: { settings: TriageSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateTriageSettings();
  const [sla, setSla] = useState<SlaPolicy>(settings.sla);
  const [hoursOn, setHoursOn] = useState(settings.sla.business_hours != null);
  const [hours, setHours] = useState<BusinessHours>(settings.sla.business_hours ?? { ...DEFAULT_HOURS, time_zone: format.timeZone ?? 'UTC' });
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const weekdayNames = useMemo(() => {
    const formatter = new Intl.DateTimeFormat(format.locale, { weekday: 'short', timeZone: 'UTC' });
    // 2026-11-29 is a Sunday.
    return WEEK.map((day) => ({ day, name: formatter.format(Date.UTC(2026, 10, 29 + day)) }));
  }, [format.locale]);

  function setKindMinutes(kind: string, value: number | undefined) {
    if (value !== undefined) setSla({ ...sla, kind_minutes: { ...sla.kind_minutes, [kind]: value } });
  }

  function setIntentMinutes(intent: string, value: number | undefined) {
    const next = { ...sla.dm_intent_minutes };
    if (value === undefined) delete next[intent];
    else next[intent] = value;
    setSla({ ...sla, dm_intent_minutes: next });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const policy: SlaPolicy = { ...sla, business_hours: hoursOn ? hours : null };
    update.mutate({ ...settings, sla: policy }, { onSuccess: () => notifySuccess(t('triage.sla.saved')) });
  }

  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate aria-labelledby="triage-sla">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4" id="triage-sla">
            {t('triage.sla.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('triage.sla.hint')}
          </Text>
        </div>

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('triage.sla.byKind')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {KINDS.map((kind) => (
              <MinutesInput key={kind} label={t(`inbox.kind.${kind}`)} value={sla.kind_minutes[kind]} onChange={(value) => setKindMinutes(kind, value)} />
            ))}
          </SimpleGrid>
        </Stack>

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('triage.sla.byIntent')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('triage.sla.byIntentHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
            {INTENTS.map((intent) => (
              <MinutesInput
                key={intent}
                label={t(`inbox.intent.${intent}`)}
                value={sla.dm_intent_minutes[intent]}
                onChange={(value) => setIntentMinutes(intent, value)}
                optional
              />
            ))}
          </SimpleGrid>
        </Stack>

        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MinutesInput label={t('triage.sla.busyPost')} value={sla.busy_post_minutes} onChange={(value) => value !== undefined && setSla({ ...sla, busy_post_minutes: value })} />
          <MinutesInput label={t('triage.sla.escalation')} value={sla.escalation_minutes} onChange={(value) => value !== undefined && setSla({ ...sla, escalation_minutes: value })} />
          <MinutesInput
            label={t('triage.sla.saleEscalation')}
            value={sla.sale_escalation_minutes}
            onChange={(value) => value !== undefined && setSla({ ...sla, sale_escalation_minutes: value })}
          />
        </SimpleGrid>

        <Stack gap="sm">
          <Checkbox label={t('triage.sla.businessHours')} description={t('triage.sla.businessHoursHint')} checked={hoursOn} onChange={(event) => setHoursOn(event.currentTarget.checked)} />
          {hoursOn && (
            <Stack gap="sm" pl="xl">
              <Chip.Group multiple value={hours.days.map(String)} onChange={(days) => setHours({ ...hours, days: days.map(Number).sort() })}>
                <Group gap={6} role="group" aria-label={t('triage.sla.days')}>
                  {weekdayNames.map(({ day, name }) => (
                    <Chip key={day} value={String(day)} size="xs">
                      {name}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              <Group gap="sm" align="flex-end">
                <TextInput type="time" label={t('triage.sla.open')} value={hours.open} onChange={(event) => setHours({ ...hours, open: event.currentTarget.value })} w={130} />
                <TextInput type="time" label={t('triage.sla.close')} value={hours.close} onChange={(event) => setHours({ ...hours, close: event.currentTarget.value })} w={130} />
                <Select
                  label={t('triage.sla.timeZone')}
                  data={zones.includes(hours.time_zone) ? zones : [hours.time_zone, ...zones]}
                  value={hours.time_zone}
                  onChange={(value) => value !== null && setHours({ ...hours, time_zone: value })}
                  searchable
                  allowDeselect={false}
                  maxDropdownHeight={260}
                  w={240}
                />
              </Group>
            </Stack>
          )}
        </Stack>

        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
