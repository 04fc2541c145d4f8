import {
  Alert,
  Button,
  Card,
  Collapse,
  Drawer,
  Group,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowLeft, IconChevronDown, IconChevronRight, IconCircleCheck, IconLock, IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import { useAddAccount } from '../api/add-account';
import { usePlatforms } from '../api/list-platforms';
import { useTestAccount } from '../api/test-account';
import { accountErrorField, errorMessage, type FieldKey } from '../errors';
import {
  ACCOUNT_NAME_PATTERN,
  accountHandle,
  fieldValues,
  PLATFORM_SPECS,
  platformSpecs,
  suggestAccountName,
  type ConnectorPlatform,
  type CredentialField,
  type PlatformSpec,
} from '../platforms';
import type { Account } from '../types';
import { CredentialInputs } from './credential-inputs';
import { ErrorAlert } from './error-alert';
import { PlatformInstructions, WebhookAddress, WebhookOnlyAlert } from './platform-instructions';

type FieldErrors = Partial<Record<FieldKey, string>>;

/** Step 1: the platform, as cards with what each connects. */
function PlatformChoice({
  value,
  onChange,
  onContinue,
}: {
  value: ConnectorPlatform | null;
  onChange: (platform: ConnectorPlatform) => void;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const platforms = usePlatforms();
  // Without the backend's list (an older server), every platform Tend knows is offered.
  const specs = platformSpecs(platforms.isError ? undefined : platforms.data);
  return (
    <Stack gap="lg">
      {platforms.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : (
        <Radio.Group
          label={t('connections.wizard.choosePlatform')}
          description={t('connections.wizard.choosePlatformHint')}
          value={value}
          onChange={(next) => onChange(next as ConnectorPlatform)}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
            {specs.map((spec) => (
              <Radio.Card key={spec.platform} value={spec.platform} radius="md" p="md" data-platform={spec.platform}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={4} />
                  <PlatformIcon platform={spec.platform} size={26} />
                  <div>
                    <Text fw={600}>{t(`connections.platform.${spec.platform}.title`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`connections.platform.${spec.platform}.description`)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      )}
      <Group justify="flex-end">
        <Button onClick={onContinue} disabled={value === null} rightSection={<IconChevronRight size={16} aria-hidden />}>
          {t('connections.wizard.continue')}
        </Button>
      </Group>
    </Stack>
  );
}

interface CredentialsDraft {
  name: string;
  ids: Record<string, string>;
  secrets: Record<string, string>;
  baseUrl: string;
}

/** The errors the form can tell before asking the backend: a bad or taken name, an empty required field. */
function localErrors(draft: CredentialsDraft, spec: PlatformSpec, takenNames: readonly string[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = t('connections.form.nameRequired');
  else if (!ACCOUNT_NAME_PATTERN.test(name)) errors.name = t('errors.account_name_invalid', { name });
  else if (takenNames.includes(name)) errors.name = t('errors.account_exists', { name });
  const required = (fields: CredentialField[], values: Record<string, string>, kind: 'id' | 'secret') => {
    for (const field of fields) {
      if (field.required && (values[field.name] ?? '').trim() === '') errors[`${kind}.${field.name}`] = t('connections.form.required');
    }
  };
  required(spec.ids, draft.ids, 'id');
  required(spec.secrets, draft.secrets, 'secret');
  return errors;
}

/** Step 2: the instructions beside the form; submitting tests the connection, then connects. */
function CredentialsStep({
  spec,
  draft,
  onDraftChange,
  takenNames,
  onBack,
  onConnected,
}: {
  spec: PlatformSpec;
  draft: CredentialsDraft;
  onDraftChange: (draft: CredentialsDraft) => void;
  takenNames: readonly string[];
  onBack: () => void;
  onConnected: (account: Account) => void;
}) {
  const { t, i18n } = useTranslation();
  const add = useAddAccount();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [advanced, setAdvanced] = useState(draft.baseUrl !== '');
  const platformTitle = t(`connections.platform.${spec.platform}.title`);

  const serverField = accountErrorField(add.error, spec);
  const fieldErrors: FieldErrors = { ...errors };
  if (serverField !== null) fieldErrors[serverField] = errorMessage(add.error, i18n);
  const advancedShown = advanced || fieldErrors.base_url !== undefined;

  function edited(field: FieldKey, next: CredentialsDraft) {
    onDraftChange(next);
    if (errors[field] !== undefined) {
      setErrors((current) => {
        const next = { ...current };
        delete next[field];
        return next;
      });
    }
    if (add.isError) add.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = localErrors(draft, spec, takenNames, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      {
        name: draft.name.trim(),
        platform: spec.platform,
        base_url: draft.baseUrl.trim(),
        ids: fieldValues(spec.ids, draft.ids),
        secrets: fieldValues(spec.secrets, draft.secrets),
      },
      { onSuccess: onConnected },
    );
  }

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Card withBorder radius="md" padding="lg" bg="var(--mantine-color-body)">
        <PlatformInstructions spec={spec} accountName={draft.name.trim()} />
      </Card>
      <form onSubmit={submit} noValidate aria-labelledby="connect-form-title">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <PlatformIcon platform={spec.platform} size={24} />
            <Title order={3} size="h4" id="connect-form-title">
              {t('connections.wizard.formTitle', { platform: platformTitle })}
            </Title>
          </Group>
          <TextInput
            label={t('connections.field.name.label')}
            description={t('connections.field.name.description')}
            value={draft.name}
            onChange={(event) => edited('name', { ...draft, name: event.currentTarget.value })}
            error={fieldErrors.name}
            required
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <CredentialInputs
            platform={spec.platform}
            fields={spec.ids}
            kind="id"
            values={draft.ids}
            onChange={(name, value) => edited(`id.${name}`, { ...draft, ids: { ...draft.ids, [name]: value } })}
            errors={fieldErrors}
          />
          <CredentialInputs
            platform={spec.platform}
            fields={spec.secrets}
            kind="secret"
            values={draft.secrets}
            onChange={(name, value) => edited(`secret.${name}`, { ...draft, secrets: { ...draft.secrets, [name]: value } })}
            errors={fieldErrors}
          />
          <Group gap={8} wrap="nowrap" align="flex-start">
            <IconLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {t('connections.form.keyringNote')}
            </Text>
          </Group>
          <div>
            <UnstyledButton onClick={() => setAdvanced(!advancedShown)} aria-expanded={advancedShown} aria-controls="connect-advanced">
              <Group gap={4}>
                {advancedShown ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                <Text size="sm" fw={500}>
                  {t('connections.form.advanced')}
                </Text>
              </Group>
            </UnstyledButton>
            <Collapse in={advancedShown} id="connect-advanced">
              <TextInput
                mt="sm"
                label={t('connections.form.optionalLabel', { label: t('connections.field.base_url.label') })}
                description={t('connections.field.base_url.description', { platform: platformTitle })}
                placeholder={spec.defaultBaseUrl}
                value={draft.baseUrl}
                onChange={(event) => edited('base_url', { ...draft, baseUrl: event.currentTarget.value })}
                error={fieldErrors.base_url}
                autoComplete="off"
                spellCheck={false}
                type="url"
              />
            </Collapse>
          </div>
          {add.isError && serverField === null && <ErrorAlert error={add.error} title={t('connections.wizard.failed')} />}
          {add.isPending && (
            <Text size="sm" c="dimmed" role="status">
              {t('connections.wizard.testing', { platform: platformTitle })}
            </Text>
          )}
          <Group justify="space-between" mt="xs">
            <Button variant="default" onClick={onBack} leftSection={<IconArrowLeft size={16} aria-hidden />} disabled={add.isPending}>
              {t('connections.wizard.back')}
            </Button>
            <Button type="submit" loading={add.isPending} leftSection={<IconPlugConnected size={16} aria-hidden />}>
              {t('connections.wizard.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SimpleGrid>
  );
}

/** Step 3: connected; the name the platform gave, and what happens next. */
function ConnectedStep({ account, onAnother, onDone }: { account: Account; onAnother: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const spec = PLATFORM_SPECS[account.platform as ConnectorPlatform];
  const test = useTestAccount({ inlineError: true });
  const { mutate: askName } = test;
  // The platform's own name for the account (Add answers with Tend's account only).
  useEffect(() => askName(account.id), [askName, account.id]);
  const displayName = test.data?.display_name.trim() || accountHandle(account.ids) || account.name;
  const platformTitle = t(`connections.platform.${account.platform}.title`, { defaultValue: account.platform });
  return (
    <Stack gap="lg" maw={720}>
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} aria-hidden />} title={t('connections.wizard.connectedTitle')} role="status" data-testid="connect-success">
        <Text size="sm">
          {t('connections.wizard.connected', { platform: platformTitle })}{' '}
          <Text span fw={700} data-testid="connected-display-name">
            {displayName}
          </Text>
        </Text>
        <Text size="sm" mt="xs">
          {t('connections.wizard.connectedName', { name: account.name })}
        </Text>
      </Alert>
      <Text size="sm">{spec?.webhookOnly === true ? t('connections.wizard.nextWebhookOnly') : t('connections.wizard.nextSync')}</Text>
      {spec?.webhookOnly === true && <WebhookOnlyAlert />}
      {spec !== undefined && spec.webhookFamily !== null && <WebhookAddress spec={spec} accountName={account.name} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          {t('connections.wizard.another')}
        </Button>
        <Button onClick={onDone} data-autofocus>
          {t('connections.wizard.done')}
        </Button>
      </Group>
    </Stack>
  );
}

const EMPTY_DRAFT: CredentialsDraft = { name: '', ids: {}, secrets: {}, baseUrl: '' };

/** The wizard's steps and what was typed so far; mounted afresh every time the drawer opens. */
function ConnectWizard({ takenNames, onClose }: { takenNames: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [platform, setPlatform] = useState<ConnectorPlatform | null>(null);
  const [draft, setDraft] = useState<CredentialsDraft>(EMPTY_DRAFT);
  const [connected, setConnected] = useState<Account | null>(null);

  function choose(next: ConnectorPlatform) {
    if (next === platform) return;
    // The ids and secrets of one platform mean nothing to another; a name suggested for the previous one is replaced.
    const suggested = platform !== null && draft.name === suggestAccountName(platform, takenNames);
    setDraft({ ...EMPTY_DRAFT, name: draft.name === '' || suggested ? suggestAccountName(next, takenNames) : draft.name, baseUrl: draft.baseUrl });
    setPlatform(next);
  }

  function restart() {
    setConnected(null);
    setPlatform(null);
    setDraft(EMPTY_DRAFT);
    setStep(0);
  }

  return (
    <Stepper active={step} onStepClick={(target) => connected === null && target < step && setStep(target)} size="sm" allowNextStepsSelect={false}>
      <Stepper.Step label={t('connections.wizard.step.platform')}>
        <PlatformChoice value={platform} onChange={choose} onContinue={() => platform !== null && setStep(1)} />
      </Stepper.Step>
      <Stepper.Step label={t('connections.wizard.step.credentials')}>
        {platform !== null && (
          <CredentialsStep
            spec={PLATFORM_SPECS[platform]}
            draft={draft}
            onDraftChange={setDraft}
            takenNames={takenNames}
            onBack={() => setStep(0)}
            onConnected={(account) => {
              setConnected(account);
              setStep(2);
            }}
          />
        )}
      </Stepper.Step>
      <Stepper.Step label={t('connections.wizard.step.done')}>
        {connected !== null && <ConnectedStep account={connected} onAnother={restart} onDone={onClose} />}
      </Stepper.Step>
    </Stepper>
  );
}

/** Connecting an account, in a drawer: the platform, then its instructions and credentials, then the result. */
export function ConnectAccountDrawer({ opened, onClose, takenNames }: { opened: boolean; onClose: () => void; takenNames: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="min(1120px, 100%)"
      title={
        <Text fw={650} size="lg">
          {t('connections.wizard.title')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      padding="lg"
    >
      {opened && <ConnectWizard takenNames={takenNames} onClose={onClose} />}
    </Drawer>
  );
}
