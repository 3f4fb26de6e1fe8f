/** One changed leaf between two JSON values. */
export interface FieldDiff {
  /** Dotted path, e.g. `fetch.targetUrl` or `display.properties.0.label`. */
  path: string;
  /** `undefined` when the field is new. */
  from: unknown;
  /** `undefined` when the field is removed. */
  to: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Lists the leaves that differ between two JSON values, in a stable order. */
export function diffValues(from: unknown, to: unknown, path = ''): FieldDiff[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(from) && Array.isArray(to)) {
    const length = Math.max(from.length, to.length);
    return Array.from({ length }, (_, i) => diffValues(from[i], to[i], at(i))).flat();
  }
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return keys.flatMap((key) => diffValues(from[key], to[key], at(key)));
  }
  if (from === to) return [];
  return [{ path: path || '(root)', from, to }];
}

/** True when two JSON values are equal, ignoring key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return diffValues(a, b).length === 0;
}
