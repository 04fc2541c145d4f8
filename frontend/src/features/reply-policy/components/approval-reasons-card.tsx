import { Alert, Card, Group, NumberInput, SimpleGrid, Slider, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_KINDS, GUIDE_KINDS, MAX_EXTRA_LEGAL_WORDS, MAX_LEGAL_WORD_CHARS, POLICY_LANGUAGES, type ApprovalPolicy } from '../types';
import type { PolicyField } from '../validate';

export interface PolicySectionProps {
  policy: ApprovalPolicy;
  onChange: (policy: ApprovalPolicy) => void;
  errorFor: (field: PolicyField) => string | undefined;
}

/** The rate as a percentage with at most one decimal. */
function percentOf(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/** Which reasons hold a reply for approval, the extra legal words, and the QA sample rate. */
export function ApprovalReasonsCard({ policy, onChange, errorFor }: PolicySectionProps) {
  const { t } = useTranslation();
  const enabled = (kind: string) => policy.kinds.includes(kind);
  const offGuideKinds = GUIDE_KINDS.filter((kind) => !enabled(kind));

  function toggle(kind: string, on: boolean) {
    // Kept in the backend's order so that an unchanged set compares equal.
    const kinds = APPROVAL_KINDS.filter((each) => (each === kind ? on : enabled(each)));
    onChange({ ...policy, kinds: [...kinds, ...policy.kinds.filter((each) => !(APPROVAL_KINDS as readonly string[]).includes(each))] });
  }

  const kindsError = errorFor('kinds');
  const qaPercent = percentOf(policy.qa_sample_rate);
  const setPercent = (percent: number) => onChange({ ...policy, qa_sample_rate: Math.round(percent * 10) / 1000 });
  // The number field may be empty while typing; the rate keeps its last value until a number is there.
  const [typed, setTyped] = useState<number | ''>(qaPercent);
  const [shown, setShown] = useState(qaPercent);
  if (shown !== qaPercent) {
    setShown(qaPercent);
    setTyped(qaPercent);
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="policy-reasons">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4" id="policy-reasons">
            {t('replyPolicy.reasons.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('replyPolicy.reasons.hint')}
          </Text>
        </div>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md" role="group" aria-label={t('replyPolicy.reasons.title')}>
          {APPROVAL_KINDS.map((kind) => (
            <Switch
              key={kind}
              label={t(`replyPolicy.kind.${kind}`)}
              description={t(`replyPolicy.kindHint.${kind}`)}
              checked={enabled(kind)}
              onChange={(event) => toggle(kind, event.currentTarget.checked)}
            />
          ))}
        </SimpleGrid>
        {kindsError !== undefined && (
          <Text size="sm" c="red" role="alert">
            {kindsError}
          </Text>
        )}
        {offGuideKinds.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {t('replyPolicy.reasons.guideWarning', { reasons: offGuideKinds.map((kind) => t(`replyPolicy.kind.${kind}`)).join(', ') })}
          </Alert>
        )}

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('replyPolicy.legal.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('replyPolicy.legal.hint', { limit: MAX_EXTRA_LEGAL_WORDS })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {POLICY_LANGUAGES.map((language) => (
              <TagsInput
                key={language}
                label={t(`replyPolicy.legal.${language}`)}
                placeholder={t('replyPolicy.legal.placeholder')}
                value={policy.extra_legal_words[language] ?? []}
                onChange={(words) => onChange({ ...policy, extra_legal_words: { ...policy.extra_legal_words, [language]: words } })}
                error={errorFor(`legal.${language}`)}
                maxLength={MAX_LEGAL_WORD_CHARS}
                splitChars={[',']}
                clearable
              />
            ))}
          </SimpleGrid>
        </Stack>

        <Stack gap="xs">
          <Text size="sm" fw={600} id="policy-qa">
            {t('replyPolicy.qa.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('replyPolicy.qa.hint')}
          </Text>
          <Group align="flex-end" gap="lg" wrap="nowrap">
            <Slider
              value={qaPercent}
              onChange={setPercent}
              min={0}
              max={100}
              step={1}
              label={(value) => `${value} %`}
              marks={[
                { value: 0, label: '0 %' },
                { value: 10, label: '10 %' },
                { value: 25, label: '25 %' },
                { value: 50, label: '50 %' },
                { value: 100, label: '100 %' },
              ]}
              thumbLabel={t('replyPolicy.qa.rate')}
              disabled={!enabled('qa_sample')}
              style={{ flex: 1 }}
              mb="lg"
            />
            <NumberInput
              label={t('replyPolicy.qa.rate')}
              value={typed}
              onChange={(value) => {
                const percent = typeof value === 'number' ? value : '';
                setTyped(percent);
                if (percent !== '') setPercent(percent);
              }}
              onBlur={() => setTyped(qaPercent)}
              min={0}
              max={100}
              decimalScale={1}
              clampBehavior="strict"
              allowNegative={false}
              suffix=" %"
              error={errorFor('qa')}
              disabled={!enabled('qa_sample')}
              w={140}
            />
          </Group>
          {!enabled('qa_sample') && (
            <Text size="xs" c="dimmed">
              {t('replyPolicy.qa.off')}
            </Text>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
