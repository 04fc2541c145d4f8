import { Badge, Group, Tooltip, type MantineColor, type MantineSize } from '@mantine/core';
import { IconAlertTriangle, IconRobot, IconShieldCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** An approval reason as the backend sends it (backend.ApprovalReason). */
export interface ReasonLike {
  kind: string;
  detail: string;
  key: string;
  params?: Record<string, string> | null;
}

/** Reasons a bulk approval may cover (mirrors backend Reply.LowRisk). */
export const LOW_RISK_KINDS: readonly string[] = ['ai_generated', 'qa_sample'];

/** Whether every reason is one a bulk approval may cover; true without reasons. */
export function isLowRisk(reasons: readonly ReasonLike[] | null | undefined): boolean {
  return (reasons ?? []).every((reason) => LOW_RISK_KINDS.includes(reason.kind));
}

function reasonColor(kind: string): MantineColor {
  if (kind === 'danger') return 'red';
  if (LOW_RISK_KINDS.includes(kind)) return 'grape';
  return 'orange';
}

/** Translates a list parameter ("email,phone") item by item, joined the way the language lists. */
function translateList(t: TFunction, value: string | undefined, section: string): string {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => t(`replies.${section}.${item.toLowerCase()}`, { defaultValue: item }))
    .join(', ');
}

/** The short name of a reason's kind ("Money", "Personal data"). */
export function reasonLabel(t: TFunction, kind: string): string {
  return t(`replies.reasonKind.${kind}`, { defaultValue: kind });
}

/** The translated detail of a reason, with its parameters; the backend's English when the key is unknown. */
export function reasonDetail(t: TFunction, exists: (key: string) => boolean, reason: ReasonLike): string {
  const key = `replies.reasons.${reason.key}`;
  if (reason.key === '' || !exists(key)) return reason.detail || reasonLabel(t, reason.kind);
  const params = reason.params ?? {};
  return t(key, {
    ...params,
    types: translateList(t, params.types, 'personalData'),
    flags: translateList(t, params.flags, 'contactFlag'),
  });
}

/** Each reason a reply needs approval, as a chip saying what matched. */
export function ReasonChips({
  reasons,
  size = 'sm',
  'aria-label': ariaLabel,
}: {
  reasons: readonly ReasonLike[] | null | undefined;
  size?: MantineSize;
  'aria-label'?: string;
}) {
  const { t, i18n } = useTranslation();
  if (reasons === null || reasons === undefined || reasons.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap" role="list" aria-label={ariaLabel ?? t('replies.reasonsLabel')}>
      {reasons.map((reason, index) => {
        const Icon = LOW_RISK_KINDS.includes(reason.kind) ? (reason.kind === 'ai_generated' ? IconRobot : IconShieldCheck) : IconAlertTriangle;
        return (
          <Tooltip key={`${reason.kind}-${index}`} label={reasonLabel(t, reason.kind)} withArrow openDelay={300}>
            <Badge
              role="listitem"
              size={size}
              radius="sm"
              variant="light"
              color={reasonColor(reason.kind)}
              tt="none"
              fw={500}
              leftSection={<Icon size={12} aria-hidden />}
              data-reason={reason.kind}
              styles={{ root: { height: 'auto', minHeight: 20, paddingBlock: 2, maxWidth: '100%' }, label: { whiteSpace: 'normal' } }}
            >
              {reasonDetail(t, (key) => i18n.exists(key), reason)}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
