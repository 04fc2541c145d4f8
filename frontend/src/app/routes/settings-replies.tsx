import { Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { useReplySettings } from '@/features/reply-policy/api/get-reply-settings';
import { ReplySettingsForm } from '@/features/reply-policy/components/reply-settings-form';
import { useCurrentWorkspace } from '@/features/workspaces/api/get-current-workspace';

/** Settings → Replies & approval: the approval policy, bot disclosure and automation limits. */
export function ReplySettingsRoute() {
  const { t } = useTranslation();
  const settings = useReplySettings();
  // The form starts again from the saved values whenever another workspace opens.
  const workspacePath = useCurrentWorkspace().data?.path ?? '';
  if (settings.isError) return <LoadError message={t('replyPolicy.loadFailed')} onRetry={() => void settings.refetch()} />;
  if (settings.data === undefined) return <Skeleton height={640} radius="md" />;
  return <ReplySettingsForm key={workspacePath} settings={settings.data} />;
}
