import { Alert, Anchor, List, Stack } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRightsProblemText } from '@/lib/rights-problems';
import type { CalendarPost } from '../types';

/** Where the creator tracker opens a creator's usage rights. */
export function creatorRightsHref(creatorId: number): string {
  return `/creators?creator=${creatorId}&tab=rights`;
}

/** Whether a post uses its creator's content outside their rights. */
export function outsideRights(post: Pick<CalendarPost, 'rights'>): boolean {
  return post.rights?.allowed === false;
}

/**
 * Warns that a post, on its date, uses its creator's content outside their usage rights (organic
 * use, the workspace's target territories), says why, and links to the creator's rights. Shows
 * nothing for a post within the rights, or one without a creator, a date or a verdict yet.
 */
export function PostRightsWarning({ post }: { post: Pick<CalendarPost, 'creator_id' | 'rights'> | null }) {
  const { t } = useTranslation();
  const problemText = useRightsProblemText();
  if (post === null || post.creator_id === null || !outsideRights(post)) return null;
  const problems = post.rights?.problems ?? [];
  return (
    <Alert color="orange" variant="light" icon={<IconShieldX size={18} aria-hidden />} title={t('calendar.rights.title')} data-testid="post-rights-warning">
      <Stack gap={6}>
        {problems.length > 0 && (
          <List size="sm">
            {problems.map((problem, index) => (
              <List.Item key={`${problem.kind}-${index}`}>{problemText(problem)}</List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to={creatorRightsHref(post.creator_id)} size="sm" data-testid="post-rights-creator">
          {t('calendar.rights.open')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
