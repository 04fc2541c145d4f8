import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { diffWords } from '../diff';
import classes from './approvals.module.css';

/** The new text with what changed from the old one: removed words struck through, added ones marked. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="text-diff">
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={index} className={classes.removed}>
            {part.text}
          </del>
        ) : (
          <ins key={index} className={classes.added}>
            {part.text}
          </ins>
        ),
      )}
    </Text>
  );
}
