import { describe, expect, it } from 'vitest';
import { diffWords } from './diff';

describe('diffWords', () => {
  it('marks the words removed and added', () => {
    expect(diffWords('Hello Camille, your order ships today', 'Hello Camille, your order shipped yesterday')).toEqual([
      { kind: 'same', text: 'Hello Camille, your order ' },
      { kind: 'removed', text: 'ships today' },
      { kind: 'added', text: 'shipped yesterday' },
    ]);
  });

  it('returns the text whole when nothing changed', () => {
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('handles a text written from nothing', () => {
    expect(diffWords('', 'new text')).toEqual([{ kind: 'added', text: 'new text' }]);
  });
});
