import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@/lib/notify';
import { useOpenWorkspace } from '../api/open-workspace';

/** Switches the open workspace and confirms it to the user. */
export function useSwitchWorkspace() {
  const { t } = useTranslation();
  const open = useOpenWorkspace();
  const switchTo = (name: string) =>
    open.mutate(name, { onSuccess: (workspace) => notifySuccess(t('workspaces.switched', { name: workspace.name })) });
  return { switchTo, isSwitching: open.isPending, switchingTo: open.isPending ? open.variables : undefined };
}
