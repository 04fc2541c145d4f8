import { ActionIcon, Badge, Button, Card, Group, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateTriageSettings } from '../../api/update-triage-settings';
import { KEYWORD_KINDS, KEYWORD_LANGUAGES, type Keyword, type KeywordKind, type TriageSettings } from '../../types';

function isKeywordKind(value: string | null): value is KeywordKind {
  return (KEYWORD_KINDS as readonly (string | null)[]).includes(value);
}

function isKeywordLanguage(value: string | null): value is Keyword['lang'] {
  return (KEYWORD_LANGUAGES as readonly (string | null)[]).includes(value);
}

/** The words that escalate a message to a human, by language and kind; each change is saved at once. */
export function KeywordsCard({ settings }: { settings: TriageSettings }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateTriageSettings();
  const [term, setTerm] = useState('');
  const [lang, setLang] = useState<Keyword['lang']>('fr');
  const [kind, setKind] = useState<KeywordKind>('refund');
  const [search, setSearch] = useState('');

  const termError = fieldMessage(update.error, i18n, (key) => key === 'keyword_too_long' || key === 'keyword_language' || key === 'keyword_kind');
  const needle = search.trim().toLocaleLowerCase();
  const shown = settings.keywords
    .map((keyword, index) => ({ keyword, index }))
    .filter(({ keyword }) => needle === '' || keyword.term.toLocaleLowerCase().includes(needle) || t(`triage.keywordKind.${keyword.kind}`).toLocaleLowerCase().includes(needle));

  function save(keywords: Keyword[], done: string) {
    update.mutate({ ...settings, keywords }, { onSuccess: () => notifySuccess(done) });
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const trimmed = term.trim();
    if (trimmed === '') return;
    save([...settings.keywords, { term: trimmed, lang, kind }], t('triage.keywords.added', { term: trimmed }));
    setTerm('');
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="triage-keywords">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id="triage-keywords">
              {t('triage.keywords.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('triage.keywords.hint')}
            </Text>
          </div>
          <Badge variant="light" color="gray">
            {t('triage.keywords.count', { count: settings.keywords.length })}
          </Badge>
        </Group>

        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('triage.keywords.term')}
              placeholder={t('triage.keywords.termPlaceholder')}
              value={term}
              onChange={(event) => {
                setTerm(event.currentTarget.value);
                if (update.isError) update.reset();
              }}
              error={termError}
              style={{ flex: '1 1 220px' }}
            />
            <Select
              label={t('triage.keywords.language')}
              data={KEYWORD_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
              value={lang}
              onChange={(value) => {
                if (isKeywordLanguage(value)) setLang(value);
              }}
              allowDeselect={false}
              w={130}
            />
            <Select
              label={t('triage.keywords.kind')}
              data={KEYWORD_KINDS.map((value) => ({ value, label: t(`triage.keywordKind.${value}`) }))}
              value={kind}
              onChange={(value) => {
                if (isKeywordKind(value)) setKind(value);
              }}
              allowDeselect={false}
              w={200}
            />
            <Button type="submit" mt={25} leftSection={<IconPlus size={16} aria-hidden />} loading={update.isPending} disabled={term.trim() === ''}>
              {t('triage.keywords.add')}
            </Button>
          </Group>
        </form>

        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} aria-hidden />}
          placeholder={t('triage.keywords.filter')}
          aria-label={t('triage.keywords.filter')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={280}
        />
        <ScrollArea.Autosize mah={340} type="auto">
          <Table striped highlightOnHover verticalSpacing={4} stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('triage.keywords.term')}</Table.Th>
                <Table.Th w={120}>{t('triage.keywords.language')}</Table.Th>
                <Table.Th w={220}>{t('triage.keywords.kind')}</Table.Th>
                <Table.Th w={60}>
                  <Text size="sm" fw={700} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden' }}>
                    {t('triage.keywords.actions')}
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map(({ keyword, index }) => (
                <Table.Tr key={`${keyword.lang}:${keyword.term}:${index}`}>
                  <Table.Td>
                    <Text size="sm">{keyword.term}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="default" fw={500}>
                      {keyword.lang.toUpperCase()}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`triage.keywordKind.${keyword.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('triage.keywords.remove', { term: keyword.term })}
                      onClick={() =>
                        save(
                          settings.keywords.filter((_, other) => other !== index),
                          t('triage.keywords.removed', { term: keyword.term }),
                        )
                      }
                    >
                      <IconTrash size={15} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Stack>
    </Card>
  );
}
