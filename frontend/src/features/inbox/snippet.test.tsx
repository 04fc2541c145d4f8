import { renderWithProviders as render } from '@/testing/render';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HighlightedSnippet } from './components/highlighted-snippet';
import { MATCH_END, MATCH_START, snippetParts } from './snippet';

describe('snippetParts', () => {
  it('splits on the match markers', () => {
    expect(snippetParts(`je veux un ${MATCH_START}remboursement${MATCH_END} svp`)).toEqual([
      { text: 'je veux un ', match: false },
      { text: 'remboursement', match: true },
      { text: ' svp', match: false },
    ]);
  });

  it('drops stray markers', () => {
    expect(snippetParts(`${MATCH_END}a${MATCH_START}`)).toEqual([{ text: 'a', match: false }]);
  });
});

function renderSnippet(snippet: string): HTMLElement {
  render(
    <p data-testid="snippet">
      <HighlightedSnippet snippet={snippet} />
    </p>,
  );
  return screen.getByTestId('snippet');
}

describe('HighlightedSnippet', () => {
  it('marks each match with a <mark> element', () => {
    const container = renderSnippet(`${MATCH_START}refund${MATCH_END} or ${MATCH_START}refunds${MATCH_END}`);
    const marks = container.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['refund', 'refunds']);
    expect(container.textContent).toBe('refund or refunds');
  });

  it('keeps markup in a snippet as text', () => {
    const hostile = `<img src=x onerror=alert(1)> ${MATCH_START}<b>bold</b>${MATCH_END}`;
    const container = renderSnippet(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)> <b>bold</b>');
    expect(container.querySelector('mark')?.textContent).toBe('<b>bold</b>');
  });
});
