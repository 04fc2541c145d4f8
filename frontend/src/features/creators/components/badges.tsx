import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RightsStatus, Stage } from '../types';

export const STAGE_COLORS: Record<Stage, MantineColor> = {
  prospect: 'gray',
  contacted: 'blue',
  negotiating: 'violet',
  contracted: 'indigo',
  live: 'green',
  done: 'teal',
};

const RIGHTS_COLORS: Record<RightsStatus, MantineColor> = {
  expired: 'red',
  expiring: 'orange',
  incomplete: 'yellow',
  unsigned: 'yellow',
  not_started: 'blue',
  active: 'teal',
  none: 'gray',
};

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STAGE_COLORS[stage]} size="sm" data-testid="stage-badge">
      {t(`creators.stage.${stage}`)}
    </Badge>
  );
}

export function RightsStatusBadge({ status }: { status: RightsStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={status === 'expired' || status === 'expiring' ? 'filled' : 'light'}
      color={RIGHTS_COLORS[status]}
      size="sm"
      title={t('creators.rightsStatusTitle', { status: t(`creators.rightsStatus.${status}`) })}
      data-testid="rights-status"
    >
      {t(`creators.rightsStatus.${status}`)}
    </Badge>
  );
}

export function fitColor(score: number): MantineColor {
  if (score >= 70) return 'green';
  if (score >= 40) return 'yellow';
  return 'gray';
}

export function FitBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={fitColor(score)} size="sm" title={t('creators.fit.title')} data-testid="fit-badge">
      {t('creators.fit.badge', { score })}
    </Badge>
  );
}
