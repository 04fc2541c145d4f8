import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostStatus } from '../types';

export const STATUS_COLORS: Record<PostStatus, string> = {
  idea: 'gray',
  draft: 'gray',
  in_review: 'yellow',
  approved: 'teal',
  scheduled: 'blue',
  publishing: 'blue',
  due: 'orange',
  published: 'green',
  failed: 'red',
  missed: 'red',
};

export function PostStatusBadge({ status, size = 'sm' }: { status: PostStatus; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} tt="none" style={{ flexShrink: 0 }} data-testid="post-status" data-status={status}>
      {t(`calendar.status.${status}`)}
    </Badge>
  );
}
