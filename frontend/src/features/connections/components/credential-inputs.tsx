import { PasswordInput, Stack, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldKey } from '../errors';
import type { ConnectorPlatform, CredentialField } from '../platforms';

/** Examples of each id's shape (not words: the same in every language). */
const PLACEHOLDERS: Record<string, string> = {
  bot_token: '123456789:AAF…',
  ig_user_id: '17841400000000000',
  page_id: '101000000000000',
  phone_number_id: '106540352242922',
  waba_id: '102290129340398',
  channel_id: 'UC…',
  video_ids: 'dQw4w9WgXcQ, 9bZkp7q19f0',
};

export interface CredentialInputsProps {
  platform: ConnectorPlatform;
  fields: CredentialField[];
  /** Ids are plain text inputs; secrets are password inputs, never shown back. */
  kind: 'id' | 'secret';
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  /** Messages to show on fields, by field key. */
  errors: Partial<Record<FieldKey, string>>;
}

/** The ids or the secrets an account needs, labelled and explained for its platform. */
export function CredentialInputs({ platform, fields, kind, values, onChange, errors }: CredentialInputsProps) {
  const { t, i18n } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <Stack gap="sm">
      {fields.map((field) => {
        const name = t(`connections.field.${field.name}.label`);
        const label = field.required ? name : t('connections.form.optionalLabel', { label: name });
        const platformHelp = `connections.platform.${platform}.field.${field.name}`;
        const description = i18n.exists(platformHelp) ? t(platformHelp) : t(`connections.field.${field.name}.description`);
        const error = errors[`${kind}.${field.name}`];
        const common = {
          label,
          description,
          value: values[field.name] ?? '',
          onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(field.name, event.currentTarget.value),
          error,
          required: field.required,
          autoComplete: kind === 'secret' ? 'new-password' : 'off',
          spellCheck: false,
          placeholder: PLACEHOLDERS[field.name],
          'data-field': field.name,
        };
        return kind === 'secret' ? (
          <PasswordInput
            key={field.name}
            {...common}
            // PasswordInput marks only its wrapper as invalid; assistive technologies read this.
            aria-invalid={error !== undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('connections.form.toggleSecret', { label: name }) }}
          />
        ) : (
          <TextInput key={field.name} {...common} />
        );
      })}
    </Stack>
  );
}
