import { Drawer, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DiscardChangesModal, useDiscardGuard } from '@/components/discard-changes';
import { LoadError } from '@/components/load-error';
import { useTemplate } from '../api/get-template';
import { NEW_TEMPLATE } from '../filters';
import { TemplateEditor, type TemplateDraft } from './template-editor';

export interface TemplateEditorDrawerProps {
  /** The template being edited, NEW_TEMPLATE, or null when the drawer is closed. */
  editing: string | null;
  initial: TemplateDraft;
  onOpen: (id: string) => void;
  onClose: () => void;
}

/** The editor in a drawer from the right; closing it with unsaved changes asks first. */
export function TemplateEditorDrawer({ editing, initial, onOpen, onClose }: TemplateEditorDrawerProps) {
  const { t } = useTranslation();
  const isNew = editing === NEW_TEMPLATE;
  const template = useTemplate(editing ?? '', editing !== null && !isNew);
  const guard = useDiscardGuard(onClose);
  const { onDirtyChange, requestClose } = guard;

  function content() {
    if (editing === null) return null;
    if (isNew) return <TemplateEditor key={NEW_TEMPLATE} template={null} initial={initial} onOpen={onOpen} onClose={requestClose} onDirtyChange={onDirtyChange} />;
    if (template.isError) return <LoadError message={t('templates.editor.loadFailed')} onRetry={() => void template.refetch()} />;
    if (template.data === undefined) return <Skeleton height={420} radius="md" />;
    return <TemplateEditor key={editing} template={template.data} initial={initial} onOpen={onOpen} onClose={requestClose} onDirtyChange={onDirtyChange} />;
  }

  const title = isNew ? t('templates.editor.newTitle') : (template.data?.name ?? t('templates.editor.editFallbackTitle'));

  return (
    <>
      <Drawer
        opened={editing !== null}
        onClose={requestClose}
        position="right"
        size="min(1080px, 100%)"
        title={<Text fw={650} size="lg">{title}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        padding="lg"
      >
        {content()}
      </Drawer>
      <DiscardChangesModal
        guard={guard}
        text={{
          title: t('templates.editor.discardTitle'),
          message: t('templates.editor.discardMessage'),
          keepEditing: t('templates.editor.keepEditing'),
          discard: t('templates.editor.discard'),
        }}
      />
    </>
  );
}
