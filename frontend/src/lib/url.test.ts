import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from './url';

describe('safeHttpUrl', () => {
  it('keeps http and https addresses', () => {
    expect(safeHttpUrl('https://www.youtube.com/shorts/x')).toBe('https://www.youtube.com/shorts/x');
    expect(safeHttpUrl('http://example.com')).toBe('http://example.com/');
  });

  it('drops script, data and relative addresses', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(safeHttpUrl('/local')).toBeUndefined();
    expect(safeHttpUrl('')).toBeUndefined();
  });
});
