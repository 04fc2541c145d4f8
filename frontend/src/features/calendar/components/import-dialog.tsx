import { Alert, Button, FileInput, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { useImportCalendar, type ImportFormat } from '../api/import-calendar';
import type { ImportProblem, ImportReport } from '../types';

/** An import problem in the user's language when the catalogue knows its key, else the backend's English. */
function problemText(problem: ImportProblem, t: (key: string, options?: Record<string, unknown>) => string, exists: (key: string) => boolean): string {
  const key = `errors.${problem.key}`;
  if (problem.key !== '' && problem.key !== undefined && exists(key)) {
    return t(key, { ...(problem.params ?? {}) });
  }
  return problem.message;
}

/** Imports posts from a CSV or iCalendar file and says what it did, line by line. */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useImportCalendar();

  function close() {
    setFile(null);
    setReport(null);
    run.reset();
    onClose();
  }

  async function start() {
    if (file === null) return;
    const text = await file.text();
    run.mutate({ format, text }, { onSuccess: setReport });
  }

  return (
    <Modal opened={opened} onClose={close} title={t('calendar.import.title')} size="lg" centered>
      <Stack gap="md" data-testid="import-dialog">
        <SegmentedControl
          aria-label={t('calendar.import.format')}
          value={format}
          onChange={(value) => {
            setFormat(value as ImportFormat);
            setReport(null);
          }}
          data={[
            { value: 'csv', label: t('calendar.import.csv') },
            { value: 'ics', label: t('calendar.import.ics') },
          ]}
        />
        <Text size="sm" c="dimmed">
          {format === 'csv' ? t('calendar.import.csvHint') : t('calendar.import.icsHint')}
        </Text>
        <FileInput
          label={t('calendar.import.file')}
          accept={format === 'csv' ? '.csv,text/csv' : '.ics,text/calendar'}
          value={file}
          onChange={(value) => {
            setFile(value);
            setReport(null);
            run.reset();
          }}
          clearable
        />
        {run.error !== null && (
          <Alert color="red" role="alert" title={t('calendar.import.refused')}>
            {describeError(run.error, i18n).message}
          </Alert>
        )}
        {report !== null && (
          <Stack gap="xs" data-testid="import-report">
            <Text fw={600} role="status">
              {t('calendar.import.summary', {
                created: report.created,
                updated: report.updated,
                unchanged: report.unchanged,
                skipped: report.skipped,
              })}
            </Text>
            {report.ignored.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('calendar.import.ignored', { list: report.ignored.map((p) => `${p.name} (${p.count})`).join(', ') })}
              </Text>
            )}
            {report.problems.length > 0 && (
              <Table striped withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('calendar.import.line')}</Table.Th>
                    <Table.Th>{t('calendar.import.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.problems.map((problem, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>{problem.line}</Table.Td>
                      <Table.Td c={problem.warning ? 'dimmed' : 'red'}>{problemText(problem, t, (key) => i18n.exists(key))}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {report === null ? t('common.cancel') : t('common.close')}
          </Button>
          <Button onClick={() => void start()} disabled={file === null} loading={run.isPending}>
            {t('calendar.import.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
