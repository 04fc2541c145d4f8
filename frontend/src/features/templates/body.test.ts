import { describe, expect, it } from 'vitest';
import { characterCount, insertToken, isBodyErrorKey, lineAndColumn, offsetOfPosition } from './body';

describe('template bodies', () => {
  it('count and position in characters, as the backend does, not UTF-16 units', () => {
    const body = 'Merci 🙏 {first_name';
    expect(characterCount(body)).toBe(19);
    // The "{" is character 9; in UTF-16 it sits at offset 9, after the two units of the emoji.
    expect(offsetOfPosition(body, 9)).toBe(9);
    expect(body.slice(offsetOfPosition(body, 9))).toBe('{first_name');
    expect(offsetOfPosition(body, 500)).toBe(body.length);
  });

  it('give the line and column of a position', () => {
    expect(lineAndColumn('Bonjour\n\nmerci {x', 16)).toEqual({ line: 3, column: 7 });
    expect(lineAndColumn('{', 1)).toEqual({ line: 1, column: 1 });
  });

  it('insert a token in place of the selection, selecting a custom field’s name', () => {
    expect(insertToken('Hello !', 6, 6, 'first_name')).toEqual({ text: 'Hello {first_name}!', selectFrom: 18, selectTo: 18 });
    expect(insertToken('Hi NAME', 3, 7, 'author_name').text).toBe('Hi {author_name}');
    const custom = insertToken('', 0, 0, 'custom.field');
    expect(custom.text.slice(custom.selectFrom, custom.selectTo)).toBe('field');
  });

  it('tell the body’s error keys from the other fields’', () => {
    expect(['template_body_too_long', 'template_token_unknown', 'template_brace_unclosed'].every(isBodyErrorKey)).toBe(true);
    expect(isBodyErrorKey('template_name_required')).toBe(false);
  });
});
