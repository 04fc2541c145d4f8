import { Badge, Button, Card, Code, Group, List, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconBrandTelegram, IconFileSpreadsheet, IconFileImport, IconBrandMeta, type Icon } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '@/lib/events';
import { useFormat } from '@/lib/format-context';
import { useImportExport } from '../api/import-export';
import { errorMessage, importErrorField } from '../errors';
import { IMPORT_FORMATS, type ImportFormat, type ImportProgress, type ImportSummary as Summary } from '../types';
import { ErrorAlert } from './error-alert';
import { ImportSummary } from './import-summary';
import { ProgressLine } from './progress-line';

const FORMAT_ICONS: Record<ImportFormat, Icon> = {
  telegram: IconBrandTelegram,
  meta: IconBrandMeta,
  csv: IconFileSpreadsheet,
};

/** How many numbered steps `connections.import.format.<format>.steps` holds. */
const FORMAT_STEPS: Record<ImportFormat, number> = { telegram: 4, meta: 4, csv: 2 };

/** The CSV layout (backend/importer): required columns first. */
const CSV_COLUMNS: { name: string; required: boolean }[] = [
  { name: 'platform', required: true },
  { name: 'thread', required: true },
  { name: 'message_id', required: true },
  { name: 'direction', required: true },
  { name: 'author_id', required: true },
  { name: 'author_name', required: true },
  { name: 'text', required: true },
  { name: 'sent_at', required: true },
  { name: 'kind', required: false },
  { name: 'reply_to', required: false },
  { name: 'post_id', required: false },
  { name: 'post_url', required: false },
  { name: 'author_handle', required: false },
];

function isProgress(payload: unknown): payload is ImportProgress {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return typeof record.path === 'string' && typeof record.done === 'number' && typeof record.total === 'number';
}

/** Every IANA time zone the platform knows. */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function CsvColumns() {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={4} horizontalSpacing="sm" fz="sm" aria-label={t('connections.import.csv.tableLabel')} data-testid="csv-columns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('connections.import.csv.column')}</Table.Th>
            <Table.Th>{t('connections.import.csv.status')}</Table.Th>
            <Table.Th>{t('connections.import.csv.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CSV_COLUMNS.map((column) => (
            <Table.Tr key={column.name}>
              <Table.Td>
                <Code>{column.name}</Code>
              </Table.Td>
              <Table.Td>
                <Badge size="xs" variant={column.required ? 'light' : 'outline'} color={column.required ? 'teal' : 'gray'} tt="none">
                  {column.required ? t('connections.import.csv.required') : t('connections.import.csv.optional')}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`connections.import.csv.columns.${column.name}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Where to find the export of a format, and what to give Tend. */
function FormatInstructions({ format }: { format: ImportFormat }) {
  const { t } = useTranslation();
  const base = `connections.import.format.${format}`;
  return (
    <Stack gap="sm" data-testid="import-instructions">
      <List type="ordered" size="sm" spacing={6} withPadding>
        {Array.from({ length: FORMAT_STEPS[format] }, (_, index) => (
          <List.Item key={index}>{t(`${base}.steps.s${index + 1}`)}</List.Item>
        ))}
      </List>
      {format === 'csv' && <CsvColumns />}
    </Stack>
  );
}

/**
 * Imports a platform's data export from this machine: the format and where to find it, the path,
 * then live progress (`import:progress`) and a summary with the refused items and why.
 * `onImported` lets the app refresh what the import changed (the inbox).
 */
export function ImportCard({ onImported }: { onImported?: (summary: Summary) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [importFormat, setImportFormat] = useState<ImportFormat>('telegram');
  const [path, setPath] = useState('');
  const [owner, setOwner] = useState('');
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [pathError, setPathError] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const run = useImportExport();
  const zones = useMemo(() => timeZones(), []);

  // The backend reports each stored batch; only this import's reports are shown.
  useEffect(() => {
    if (running === null) return undefined;
    return onEvent('import:progress', (payload) => {
      if (isProgress(payload) && payload.path === running) setProgress(payload);
    });
  }, [running]);

  const errorField = importErrorField(run.error);
  const fieldError = (field: 'path' | 'time_zone') => (errorField === field ? errorMessage(run.error, i18n) : undefined);

  function edited() {
    if (run.isError || run.isSuccess) run.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') {
      setPathError(t('errors.import_path_required'));
      return;
    }
    setPathError(null);
    setProgress(null);
    setRunning(trimmed);
    run.mutate(
      { format: importFormat, path: trimmed, owner: owner.trim(), time_zone: importFormat === 'telegram' ? (timeZone ?? '') : '' },
      {
        onSuccess: (summary) => onImported?.(summary),
        onSettled: () => setRunning(null),
      },
    );
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="import-title">
      <Stack gap="lg">
        <div>
          <Group gap="xs">
            <IconFileImport size={20} aria-hidden />
            <Title order={2} size="h4" id="import-title">
              {t('connections.import.title')}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {t('connections.import.subtitle')}
          </Text>
        </div>

        <form onSubmit={submit} noValidate aria-labelledby="import-title">
          <Stack gap="md">
            <Radio.Group
              label={t('connections.import.formatLabel')}
              value={importFormat}
              onChange={(value) => {
                setImportFormat(value as ImportFormat);
                edited();
              }}
            >
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="xs">
                {IMPORT_FORMATS.map((each) => {
                  const FormatIcon = FORMAT_ICONS[each];
                  return (
                    <Radio.Card key={each} value={each} radius="md" p="sm" data-format={each}>
                      <Group wrap="nowrap" align="flex-start" gap="sm">
                        <Radio.Indicator mt={2} />
                        <FormatIcon size={20} aria-hidden style={{ flexShrink: 0 }} />
                        <div>
                          <Text fw={600} size="sm">
                            {t(`connections.import.format.${each}.title`)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t(`connections.import.format.${each}.description`)}
                          </Text>
                        </div>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>

            <FormatInstructions format={importFormat} />

            <TextInput
              label={t('connections.import.path')}
              description={t('connections.import.pathHint')}
              placeholder={t(`connections.import.format.${importFormat}.placeholder`)}
              value={path}
              onChange={(event) => {
                setPath(event.currentTarget.value);
                setPathError(null);
                edited();
              }}
              error={pathError ?? fieldError('path')}
              required
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <SimpleGrid cols={{ base: 1, sm: importFormat === 'telegram' ? 2 : 1 }} spacing="md">
              <TextInput
                label={t('connections.form.optionalLabel', { label: t('connections.import.owner') })}
                description={t(importFormat === 'telegram' ? 'connections.import.ownerHintTelegram' : 'connections.import.ownerHint')}
                value={owner}
                onChange={(event) => {
                  setOwner(event.currentTarget.value);
                  edited();
                }}
                autoComplete="off"
              />
              {importFormat === 'telegram' && (
                <Select
                  label={t('connections.form.optionalLabel', { label: t('connections.import.timeZone') })}
                  description={t('connections.import.timeZoneHint')}
                  placeholder={t('connections.import.timeZoneDefault')}
                  data={zones}
                  value={timeZone}
                  onChange={(value) => {
                    setTimeZone(value);
                    edited();
                  }}
                  searchable
                  clearable
                  nothingFoundMessage={t('connections.import.nothingFound')}
                  maxDropdownHeight={280}
                  error={fieldError('time_zone')}
                />
              )}
            </SimpleGrid>

            {run.isError && errorField === null && <ErrorAlert error={run.error} title={t('connections.import.failed')} />}

            <Group justify="flex-end">
              <Button type="submit" loading={run.isPending} leftSection={<IconFileImport size={16} aria-hidden />}>
                {t('connections.import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>

        {run.isPending && (
          <ProgressLine
            label={t('connections.import.progress')}
            detail={
              progress === null
                ? t('connections.import.reading')
                : t('connections.import.progressOf', { done: format.number(progress.done), total: format.number(progress.total) })
            }
            done={progress?.done ?? 0}
            total={progress?.total ?? 0}
            testId="import-progress"
          />
        )}
        {run.data !== undefined && <ImportSummary summary={run.data} />}
      </Stack>
    </Card>
  );
}
