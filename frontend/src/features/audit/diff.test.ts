import { describe, expect, it } from 'vitest';
import { diffSnapshots, parseSnapshot, showValue } from './diff';

describe('snapshot diffs', () => {
  it('mark each field added, removed, changed or the same, by path', () => {
    const before = { limits: { per_contact_per_hour: 3 }, kinds: ['money', 'legal'], note: 'x' };
    const after = { limits: { per_contact_per_hour: 5 }, kinds: ['money'], extra: { fr: [] } };
    expect(diffSnapshots(before, after)).toEqual([
      { path: 'limits.per_contact_per_hour', change: 'changed', before: 3, after: 5 },
      { path: 'kinds[0]', change: 'same', before: 'money', after: 'money' },
      { path: 'extra.fr', change: 'added', after: [] },
      { path: 'kinds[1]', change: 'removed', before: 'legal' },
      { path: 'note', change: 'removed', before: 'x' },
    ]);
  });

  it('treat a missing snapshot as nothing, and read snapshots sent as text', () => {
    expect(diffSnapshots(null, { automation_opt_out: true })).toEqual([{ path: 'automation_opt_out', change: 'added', after: true }]);
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(parseSnapshot('{"a":1}')).toEqual({ a: 1 });
    expect(showValue('text')).toBe('"text"');
    expect(showValue(null)).toBe('null');
  });
});
