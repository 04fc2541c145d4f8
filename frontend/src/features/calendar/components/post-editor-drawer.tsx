import { Drawer, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DiscardChangesModal, useDiscardGuard } from '@/components/discard-changes';
import { LoadError } from '@/components/load-error';
import { usePost } from '../api/get-post';
import type { PostDraft } from '../draft';
import type { CalendarPost, Pillar } from '../types';
import { PostEditor } from './post-editor';

/** The drawer's subject: a saved post, a new one (with its initial fields), or nothing. */
export type Editing = { id: number } | { draft: PostDraft } | null;

export interface PostEditorDrawerProps {
  editing: Editing;
  pillars: Pillar[];
  onOpen: (id: number) => void;
  onClose: () => void;
}

/** The post editor in a drawer from the right; closing it with unsaved changes asks first. */
export function PostEditorDrawer({ editing, pillars, onOpen, onClose }: PostEditorDrawerProps) {
  const { t } = useTranslation();
  const id = editing !== null && 'id' in editing ? editing.id : null;
  const post = usePost(id);
  const guard = useDiscardGuard(onClose);
  const { onDirtyChange } = guard;

  function content() {
    if (editing === null) return null;
    if ('draft' in editing) {
      return (
        <PostEditor
          key="new"
          post={null}
          initial={editing.draft}
          pillars={pillars}
          onSaved={(saved: CalendarPost) => onOpen(saved.id)}
          onDeleted={onClose}
          onDirtyChange={onDirtyChange}
        />
      );
    }
    if (post.isError) return <LoadError message={t('calendar.editor.loadFailed')} onRetry={() => void post.refetch()} />;
    if (post.data === undefined) return <Skeleton height={420} radius="md" />;
    return (
      <PostEditor
        key={editing.id}
        post={post.data}
        pillars={pillars}
        onSaved={() => undefined}
        onDeleted={onClose}
        onDirtyChange={onDirtyChange}
      />
    );
  }

  const title = editing === null ? '' : 'draft' in editing ? t('calendar.editor.newTitle') : (post.data?.title ?? t('calendar.editor.editTitle'));

  return (
    <>
      <Drawer
        opened={editing !== null}
        onClose={guard.requestClose}
        position="right"
        size="min(760px, 100%)"
        title={
          <Text fw={650} size="lg">
            {title}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        padding="lg"
      >
        {content()}
      </Drawer>
      <DiscardChangesModal
        guard={guard}
        text={{
          title: t('calendar.editor.discardTitle'),
          message: t('calendar.editor.discardMessage'),
          keepEditing: t('calendar.editor.keepEditing'),
          discard: t('calendar.editor.discard'),
        }}
      />
    </>
  );
}
