import { Button, Card, Center, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFilterOff, IconPlus, IconTemplate } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { notifySuccess } from '@/lib/notify';
import { useArchiveTemplate } from '../api/archive-template';
import { useDuplicateTemplate } from '../api/duplicate-template';
import { useTemplates } from '../api/list-templates';
import { DEFAULT_TEMPLATE_FILTER, EDITOR_PARAM, isFiltered, NEW_TEMPLATE, templateFilterFromParams, templateFilterToParams } from '../filters';
import type { Template, TemplateFilter } from '../types';
import type { TemplateDraft } from './template-editor';
import { TemplateEditorDrawer } from './template-editor-drawer';
import { TemplateFilters } from './template-filters';
import { TemplateList, type TemplateListActions } from './template-list';

/**
 * The reply template library: filters kept in the URL, the templates grouped by category, and
 * the editor (`?template=<id>` or `?template=new`) in a drawer.
 */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => templateFilterFromParams(params), [params]);
  const editing = params.get(EDITOR_PARAM);
  const templates = useTemplates(filter);
  const duplicate = useDuplicateTemplate();
  const archive = useArchiveTemplate();

  function setFilter(next: TemplateFilter) {
    setParams(templateFilterToParams(next, params), { replace: next.query !== filter.query });
  }

  function editorParams(id: string | null): URLSearchParams {
    const next = new URLSearchParams(params);
    if (id === null) next.delete(EDITOR_PARAM);
    else next.set(EDITOR_PARAM, id);
    return next;
  }

  const openEditor = (id: string | null) => setParams(editorParams(id));

  const actions: TemplateListActions = {
    editHref: (id) => `?${editorParams(id).toString()}`,
    onDuplicate: (template: Template) =>
      duplicate.mutate(template.id, {
        onSuccess: (copy) => {
          notifySuccess(t('templates.editor.duplicated', { name: copy.name }));
          openEditor(copy.id);
        },
      }),
    onArchive: (template: Template, archived: boolean) =>
      archive.mutate(
        { id: template.id, archived },
        { onSuccess: (changed) => notifySuccess(t(archived ? 'templates.editor.archived' : 'templates.editor.restored', { name: changed.name })) },
      ),
  };

  const uiLanguage = i18n.language === 'fr' ? 'fr' : 'en';
  const initial: TemplateDraft = {
    name: '',
    category: filter.category === '' ? 'welcome' : filter.category,
    language: filter.language === '' ? uiLanguage : filter.language,
    channel: filter.channel,
    body: '',
    keywords: [],
  };

  function content() {
    if (templates.isError) return <LoadError message={t('templates.loadFailed')} onRetry={() => void templates.refetch()} />;
    if (templates.data === undefined) return <Skeleton height={360} radius="md" />;
    if (templates.data.length === 0) {
      return (
        <Card withBorder radius="md" padding="xl">
          <Center>
            <Stack align="center" gap="xs" maw={420} ta="center">
              <ThemeIcon size={44} radius="xl" variant="light" color="gray">
                <IconTemplate size={24} aria-hidden />
              </ThemeIcon>
              <Text fw={600}>{isFiltered(filter) ? t('templates.emptyFiltered') : t('templates.empty')}</Text>
              {isFiltered(filter) ? (
                <Button variant="light" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={() => setFilter(DEFAULT_TEMPLATE_FILTER)}>
                  {t('templates.filters.clear')}
                </Button>
              ) : (
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openEditor(NEW_TEMPLATE)}>
                  {t('templates.new')}
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      );
    }
    return <TemplateList templates={templates.data} actions={actions} />;
  }

  return (
    <>
      <PageHeader
        title={t('templates.title')}
        subtitle={t('templates.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openEditor(NEW_TEMPLATE)}>
            {t('templates.new')}
          </Button>
        }
      />
      <Stack gap="lg">
        <TemplateFilters filter={filter} onChange={setFilter} />
        {content()}
      </Stack>
      <TemplateEditorDrawer editing={editing} initial={initial} onOpen={openEditor} onClose={() => openEditor(null)} />
    </>
  );
}
