import { Container, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { useTriageSettings } from '@/features/inbox/api/get-triage-settings';
import { CorrectionsCard } from '@/features/inbox/components/triage/corrections-card';
import { KeywordsCard } from '@/features/inbox/components/triage/keywords-card';
import { SlaPolicyForm } from '@/features/inbox/components/triage/sla-policy-form';
import { useCurrentWorkspace } from '@/features/workspaces/api/get-current-workspace';

/** How the inbox is triaged: escalation keywords, the SLA policy and what the classifier learnt. */
export function TriageRoute() {
  const { t } = useTranslation();
  const settings = useTriageSettings();
  // The SLA form starts again from the saved values whenever another workspace opens.
  const workspacePath = useCurrentWorkspace().data?.path ?? '';

  function content() {
    if (settings.isError) return <LoadError message={t('triage.loadFailed')} onRetry={() => void settings.refetch()} />;
    if (settings.data === undefined) return <Skeleton height={420} radius="md" />;
    return (
      <>
        <KeywordsCard settings={settings.data} />
        <SlaPolicyForm key={workspacePath} settings={settings.data} />
      </>
    );
  }

  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('triage.title')} subtitle={t('triage.subtitle')} />
      <Stack gap="lg">
        {content()}
        <CorrectionsCard />
      </Stack>
    </Container>
  );
}
