import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublishAccount } from '../api/list-publish-accounts';

/**
 * The account a channel publishes through when the post names none, as the backend picks it: the
 * platform's lowest-id active account, else its lowest-id one.
 */
function defaultAccount(accounts: PublishAccount[]): PublishAccount | undefined {
  const byId = [...accounts].sort((a, b) => a.id - b.id);
  return byId.find((account) => account.status === 'active') ?? byId[0];
}

export interface PostAccountSelectProps {
  channel: string;
  /** The connected accounts of the channel's platform. */
  accounts: PublishAccount[];
  /** The chosen account's id, '' for the default. */
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}

/** Which of its platform's accounts a post's channel publishes through. */
export function PostAccountSelect({ channel, accounts, value, onChange, disabled }: PostAccountSelectProps) {
  const { t } = useTranslation();
  const label = (account: PublishAccount) =>
    account.status === 'active'
      ? account.name
      : t('calendar.editor.inactiveAccount', { name: account.name, status: t(`calendar.editor.accountStatus.${account.status}`) });
  const fallback = defaultAccount(accounts);
  const options = [
    {
      value: '',
      label: fallback === undefined ? t('calendar.editor.defaultAccountNone') : t('calendar.editor.defaultAccount', { name: label(fallback) }),
    },
    ...accounts.map((account) => ({ value: String(account.id), label: label(account) })),
  ];
  // An account removed since it was chosen still shows, by id.
  if (value !== '' && !options.some((option) => option.value === value)) {
    options.push({ value, label: t('calendar.editor.removedAccount', { id: value }) });
  }
  return (
    <Select
      label={t('calendar.editor.publishAs', { channel: t(`platformName.${channel}`) })}
      data={options}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      allowDeselect={false}
      disabled={disabled}
      data-testid={`post-account-${channel}`}
    />
  );
}
