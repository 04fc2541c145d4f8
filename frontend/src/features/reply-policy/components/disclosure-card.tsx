import { Card, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DISCLOSURE_MODES, MAX_DISCLOSURE_CHARS, POLICY_LANGUAGES, type Disclosure, type DisclosureMode, type PolicyLanguage } from '../types';
import type { PolicySectionProps } from './approval-reasons-card';

function characters(text: string): number {
  return [...text].length;
}

/** How an automated reply would read with the disclosure, in one language. */
function Example({ disclosure, language }: { disclosure: Disclosure; language: PolicyLanguage }) {
  const { t } = useTranslation();
  const reply = t(`replyPolicy.disclosure.exampleReply.${language}`);
  const text = disclosure.mode === 'prefix' ? `${disclosure.prefix[language] ?? ''} ${reply}` : `${reply}\n${disclosure.footer[language] ?? ''}`;
  return (
    <Paper withBorder radius="md" p="xs" bg="var(--mantine-color-default-hover)">
      <Text size="xs" c="dimmed" fw={600} mb={2}>
        {t(`replyPolicy.disclosure.example.${language}`)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text.trim()}
      </Text>
    </Paper>
  );
}

/** Where automated replies say they are automated, the texts that say it, and the first-contact notice. */
export function DisclosureCard({ policy, onChange, errorFor }: PolicySectionProps) {
  const { t } = useTranslation();
  const { disclosure } = policy;
  const setDisclosure = (change: Partial<Disclosure>) => onChange({ ...policy, disclosure: { ...disclosure, ...change } });
  const modeTexts = disclosure.mode === 'footer' ? disclosure.footer : disclosure.prefix;
  const setModeText = (language: PolicyLanguage, text: string) => setDisclosure({ [disclosure.mode]: { ...modeTexts, [language]: text } });
  const counter = (text: string) => t('replyPolicy.disclosure.counter', { length: characters(text), limit: MAX_DISCLOSURE_CHARS });

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="policy-disclosure">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4" id="policy-disclosure">
            {t('replyPolicy.disclosure.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('replyPolicy.disclosure.hint')}
          </Text>
        </div>

        <Radio.Group
          label={t('replyPolicy.disclosure.mode')}
          value={disclosure.mode}
          onChange={(value) => {
            const mode = DISCLOSURE_MODES.find((each) => each === value);
            if (mode !== undefined) setDisclosure({ mode: mode satisfies DisclosureMode });
          }}
          error={errorFor('mode')}
        >
          <Group mt="xs" gap="xl">
            {DISCLOSURE_MODES.map((mode) => (
              <Radio key={mode} value={mode} label={t(`replyPolicy.disclosure.modes.${mode}`)} description={t(`replyPolicy.disclosure.modeHints.${mode}`)} />
            ))}
          </Group>
        </Radio.Group>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {POLICY_LANGUAGES.map((language) => {
            const text = modeTexts[language] ?? '';
            return (
              <Stack key={language} gap="xs">
                {disclosure.mode === 'prefix' ? (
                  <TextInput
                    label={t(`replyPolicy.disclosure.prefixLabel.${language}`)}
                    description={counter(text)}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    value={text}
                    onChange={(event) => setModeText(language, event.currentTarget.value)}
                    error={errorFor(`text.${language}`)}
                    maxLength={MAX_DISCLOSURE_CHARS}
                  />
                ) : (
                  <Textarea
                    label={t(`replyPolicy.disclosure.footerLabel.${language}`)}
                    description={counter(text)}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    value={text}
                    onChange={(event) => setModeText(language, event.currentTarget.value)}
                    error={errorFor(`text.${language}`)}
                    maxLength={MAX_DISCLOSURE_CHARS}
                    autosize
                    minRows={2}
                  />
                )}
                <Example disclosure={disclosure} language={language} />
              </Stack>
            );
          })}
        </SimpleGrid>

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('replyPolicy.disclosure.noticeTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('replyPolicy.disclosure.noticeHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {POLICY_LANGUAGES.map((language) => {
              const text = disclosure.notice[language] ?? '';
              return (
                <Textarea
                  key={language}
                  label={t(`replyPolicy.disclosure.noticeLabel.${language}`)}
                  description={counter(text)}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  value={text}
                  onChange={(event) => setDisclosure({ notice: { ...disclosure.notice, [language]: event.currentTarget.value } })}
                  error={errorFor(`notice.${language}`)}
                  maxLength={MAX_DISCLOSURE_CHARS}
                  autosize
                  minRows={3}
                />
              );
            })}
          </SimpleGrid>
        </Stack>
      </Stack>
    </Card>
  );
}
