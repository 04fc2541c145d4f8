import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../types';

/** Picks one of the creator's campaigns, or none. */
export function CampaignSelect({
  campaigns,
  value,
  onChange,
  label,
}: {
  campaigns: CampaignSummary[];
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={label ?? t('creators.campaign')}
      data={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      placeholder={t('creators.noCampaign')}
      clearable
      w={{ base: '100%', sm: 220 }}
    />
  );
}
