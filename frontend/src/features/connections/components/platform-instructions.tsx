import { ActionIcon, Alert, Code, CopyButton, Group, List, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle, IconServer } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { webhookUrl, type PlatformSpec } from '../platforms';

/** The webhook address to give the platform, with a copy button. */
export function WebhookAddress({ spec, accountName }: { spec: PlatformSpec; accountName: string }) {
  const { t } = useTranslation();
  const url = webhookUrl(spec, accountName, t('connections.webhook.server'));
  if (url === null) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={`webhook-${spec.platform}`}>
        {t('connections.webhook.label')}
      </Text>
      <Group gap={6} wrap="nowrap" align="center">
        <Code
          block
          style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
          aria-labelledby={`webhook-${spec.platform}`}
          data-testid="webhook-url"
        >
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('connections.webhook.copied') : t('connections.webhook.copy')} withArrow>
              <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('connections.webhook.copy')}>
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('connections.webhook.hint')}
      </Text>
    </Stack>
  );
}

/** The warning a webhook-only platform (WhatsApp) needs: nothing comes in without `tend serve`. */
export function WebhookOnlyAlert() {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" icon={<IconServer size={18} aria-hidden />} title={t('connections.webhookOnly.title')} data-testid="webhook-only">
      {t('connections.webhookOnly.message')}
    </Alert>
  );
}

/**
 * How to get what the platform's account needs, step by step: which token, where, with which
 * permissions, and the platform's rules Tend follows.
 */
export function PlatformInstructions({ spec, accountName }: { spec: PlatformSpec; accountName: string }) {
  const { t } = useTranslation();
  const base = `connections.platform.${spec.platform}`;
  const steps = Array.from({ length: spec.steps }, (_, index) => t(`${base}.steps.s${index + 1}`));
  const headingId = `instructions-${spec.platform}`;
  return (
    <Stack gap="md" component="section" aria-labelledby={headingId} data-testid="platform-instructions">
      <div>
        <Title order={3} size="h5" id={headingId}>
          {t('connections.wizard.instructionsTitle', { platform: t(`${base}.title`) })}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t(`${base}.intro`)}
        </Text>
      </div>
      {spec.webhookOnly && <WebhookOnlyAlert />}
      <List type="ordered" spacing="xs" size="sm" withPadding>
        {steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      {spec.permissions.length > 0 && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t(spec.platform === 'youtube' ? 'connections.wizard.scope' : 'connections.wizard.permissions')}
          </Text>
          <Group gap={6} role="list" aria-label={t(spec.platform === 'youtube' ? 'connections.wizard.scope' : 'connections.wizard.permissions')}>
            {spec.permissions.map((permission) => (
              <Code key={permission} role="listitem" fz="xs">
                {permission}
              </Code>
            ))}
          </Group>
        </Stack>
      )}
      {spec.notes.map((note) => (
        <Alert key={note} color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t(`${base}.notes.${note}.title`)}>
          {t(`${base}.notes.${note}.text`)}
        </Alert>
      ))}
      <WebhookAddress spec={spec} accountName={accountName} />
    </Stack>
  );
}
