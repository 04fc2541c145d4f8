import { Mark } from '@mantine/core';
import { snippetParts } from '../snippet';

/** A search snippet with its matches marked; everything stays text, never markup. */
export function HighlightedSnippet({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((part, index) =>
        part.match ? (
          <Mark key={index} color="yellow" px={1}>
            {part.text}
          </Mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
