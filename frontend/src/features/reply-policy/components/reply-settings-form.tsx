import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateReplySettings } from '../api/update-reply-settings';
import { POLICY_LANGUAGES, type ReplySettings } from '../types';
import { fieldOfServerError, validateReplySettings, type PolicyField, type PolicyIssue } from '../validate';
import { ApprovalReasonsCard } from './approval-reasons-card';
import { AutopilotCard } from './autopilot-card';
import { DisclosureCard } from './disclosure-card';
import { LimitsCard } from './limits-card';

/** The settings with every list and map present, so that the form never meets a null. */
export function normalizeReplySettings(settings: ReplySettings): ReplySettings {
  const { policy, limits } = settings;
  const words: Record<string, string[]> = {};
  for (const [language, list] of Object.entries(policy.extra_legal_words ?? {})) words[language] = list ?? [];
  for (const language of POLICY_LANGUAGES) words[language] ??= [];
  const disclosure = policy.disclosure ?? { mode: 'prefix', prefix: {}, footer: {}, notice: {} };
  return {
    policy: {
      kinds: policy.kinds ?? [],
      extra_legal_words: words,
      qa_sample_rate: policy.qa_sample_rate ?? 0,
      autopilot: policy.autopilot ?? [],
      disclosure: {
        mode: disclosure.mode === 'footer' ? 'footer' : 'prefix',
        prefix: { ...(disclosure.prefix ?? {}) },
        footer: { ...(disclosure.footer ?? {}) },
        notice: { ...(disclosure.notice ?? {}) },
      },
    },
    limits: { ...limits },
  };
}

/** What is sent: legal words trimmed, empty ones dropped. */
function cleaned(settings: ReplySettings): ReplySettings {
  const words: Record<string, string[]> = {};
  for (const [language, list] of Object.entries(settings.policy.extra_legal_words)) {
    words[language] = (list ?? []).map((word) => word.trim()).filter((word) => word !== '');
  }
  return { ...settings, policy: { ...settings.policy, extra_legal_words: words } };
}

/**
 * The approval policy (reasons, legal words, QA sampling, autopilot, bot disclosure) and the
 * automation limits, saved together. Problems the form can see are shown before asking; a
 * refusal from the backend shows on the field it names.
 */
export function ReplySettingsForm({ settings: saved }: { settings: ReplySettings }) {
  const { t, i18n } = useTranslation();
  const initial = normalizeReplySettings(saved);
  const [settings, setSettings] = useState<ReplySettings>(initial);
  const [issues, setIssues] = useState<PolicyIssue[]>([]);
  const [sent, setSent] = useState<ReplySettings>(initial);
  const update = useUpdateReplySettings();
  const dirty = JSON.stringify(settings) !== JSON.stringify(initial);

  const serverIssue = update.error === null ? null : fieldOfServerError(update.error, sent);
  const allIssues = serverIssue === null ? issues : [...issues, serverIssue];
  const message = (issue: PolicyIssue) =>
    issue === serverIssue && update.error !== null ? describeError(update.error, i18n).message : t(`errors.${issue.key}`, issue.params);
  const errorFor = (field: PolicyField) => {
    const issue = allIssues.find((each) => each.field === field);
    return issue === undefined ? undefined : message(issue);
  };
  const unplaced = allIssues.filter((issue) => issue.field === null);

  function change(next: ReplySettings) {
    setSettings(next);
    if (issues.length > 0) setIssues([]);
    if (update.isError) update.reset();
  }

  function cancel() {
    setSettings(initial);
    setIssues([]);
    update.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateReplySettings(settings);
    setIssues(found);
    if (found.length > 0) return;
    const payload = cleaned(settings);
    setSent(payload);
    update.mutate(payload, {
      onSuccess: (next) => {
        setSettings(normalizeReplySettings(next));
        notifySuccess(t('replyPolicy.saved'));
      },
    });
  }

  const setPolicy = (policy: ReplySettings['policy']) => change({ ...settings, policy });

  return (
    <form onSubmit={submit} noValidate aria-label={t('replyPolicy.formLabel')}>
      <Stack gap="lg">
        <ApprovalReasonsCard policy={settings.policy} onChange={setPolicy} errorFor={errorFor} />
        <AutopilotCard policy={settings.policy} onChange={setPolicy} errorFor={errorFor} />
        <DisclosureCard policy={settings.policy} onChange={setPolicy} errorFor={errorFor} />
        <LimitsCard limits={settings.limits} onChange={(limits) => change({ ...settings, limits })} errorFor={errorFor} />

        {unplaced.map((issue) => (
          <Alert key={issue.key} color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
            {message(issue)}
          </Alert>
        ))}

        <Card
          withBorder
          radius="md"
          padding="sm"
          shadow={dirty ? 'md' : undefined}
          style={{ position: 'sticky', bottom: 'var(--mantine-spacing-md)', zIndex: 2 }}
        >
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c={allIssues.length > 0 ? 'red' : 'dimmed'} role={allIssues.length > 0 ? 'alert' : undefined}>
              {allIssues.length > 0 ? t('replyPolicy.checkFields') : dirty ? t('replyPolicy.unsaved') : t('replyPolicy.upToDate')}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={cancel} disabled={!dirty || update.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!dirty}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Card>
      </Stack>
    </form>
  );
}
