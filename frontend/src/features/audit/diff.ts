/** One field of a before/after snapshot pair, by its path ("policy.kinds[2]"). */
export interface DiffRow {
  path: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  before?: unknown;
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The leaves of a JSON value by path; empty objects and arrays count as leaves. */
export function flatten(value: unknown, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, path === '' ? key : `${path}.${key}`, into);
  } else {
    into.set(path, value);
  }
  return into;
}

/** A snapshot as the backend sends it: JSON, or JSON text. */
export function parseSnapshot(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * The fields of two snapshots side by side, in the order they appear (the after's first), each
 * marked added, removed, changed or the same. Null snapshots stand for "nothing".
 */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const right = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const paths = [...new Set([...right.keys(), ...left.keys()])];
  return paths.map((path) => {
    const inLeft = left.has(path);
    const inRight = right.has(path);
    if (!inLeft) return { path, change: 'added', after: right.get(path) };
    if (!inRight) return { path, change: 'removed', before: left.get(path) };
    const was = left.get(path);
    const is = right.get(path);
    return { path, change: JSON.stringify(was) === JSON.stringify(is) ? 'same' : 'changed', before: was, after: is };
  });
}

/** A leaf value as JSON text. */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null');
}
