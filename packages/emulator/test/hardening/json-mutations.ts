/** A JSON text spliced into a body as is (numbers JSON.stringify cannot write, like `1e309`). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `missing` deletes the key instead of setting a value. */
export const missing = Symbol('missing');

export type JsonPath = (string | number)[];

/** Every node of `value` below the root (arrays: only the first element), at most `maxDepth` deep. */
export function jsonPaths(
  value: unknown,
  maxDepth = 6,
  prefix: JsonPath = [],
): { path: JsonPath; value: unknown }[] {
  if (prefix.length >= maxDepth || value === null || typeof value !== 'object') return [];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.length > 0
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return children.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [{ path, value: child }, ...jsonPaths(child, maxDepth, path)];
  });
}

/** A copy of `root` with the node at `path` replaced by `next` (or removed, for `missing`). */
export function setAt(root: unknown, path: JsonPath, next: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return next;
  if (next === missing) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}

/** JSON text of `value`, with each `RawJson` spliced in verbatim. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `@@raw${raws.length - 1}@@`;
    }
    return v;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_, i: string) => raws[Number(i)] ?? 'null');
}

/** The JSON kind of a value: what a wrong-type replacement must differ from. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** One value of each JSON kind. */
export const valuesByKind: [string, unknown][] = [
  ['string', 'x'],
  ['number', 7],
  ['boolean', true],
  ['null', null],
  ['array', []],
  ['object', {}],
];

/** Nested JSON `depth` levels deep: `[[[…]]]` or `{"a":{"a":…}}`, built as text (no recursion). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A small seeded PRNG (mulberry32), so the corpus is the same on every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    /** `n` items in a seeded order (all of them when n ≥ length). */
    sample<T>(items: readonly T[], n: number): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, n);
    },
  };
}
