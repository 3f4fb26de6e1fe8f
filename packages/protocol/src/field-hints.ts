import type { z } from 'zod';

/** A field HubSpot would drop without a word: where it was found and what it likely meant. */
export interface IgnoredField {
  /** Dotted path of the field (`fetch.propertiesToSend`, `secondaryAction`). */
  readonly path: string;
  /** The unknown key itself. */
  readonly key: string;
  /** The keys the object at that place does take, for "did you mean". */
  readonly known: readonly string[];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The known key `key` is most likely a misspelling of: same letters in another case, a singular
 * or plural, or at most one edit (two for keys of eight letters or more). Null when none is close.
 * @example closestKey('objectID', ['objectId', 'title']) // 'objectId'
 */
export function closestKey(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    if (name === key) return null;
    const other = name.toLowerCase();
    const distance =
      other === lower || other === `${lower}s` || `${other}s` === lower ? 0 : editDistance(lower, other);
    const allowed = Math.min(key.length, name.length) >= 8 ? 2 : 1;
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

type AnySchema = z.ZodType & { def: Record<string, unknown> };

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const type = current.def.type;
    if (type === 'optional' || type === 'nullable' || type === 'default' || type === 'readonly') {
      current = current.def.innerType as AnySchema;
    } else if (type === 'pipe') current = current.def.in as AnySchema;
    else return current;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(schema: AnySchema, value: unknown, path: string[], out: IgnoredField[], loose: boolean): void {
  const inner = unwrap(schema);
  const type = inner.def.type;
  if (type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(inner.def.element as AnySchema, item, [...path, String(i)], out, loose);
    });
  } else if (type === 'union' && isPlainObject(value)) {
    const options = inner.def.options as AnySchema[];
    const key = inner.def.discriminator as string | undefined;
    const chosen =
      options.find((option) => option.safeParse(value).success) ??
      (key === undefined
        ? undefined
        : options.find((option) => {
            const shape = unwrap(option).def.shape as Record<string, z.ZodType> | undefined;
            return shape?.[key]?.safeParse(value[key]).success === true;
          }));
    if (chosen) walk(chosen, value, path, out, loose);
  } else if (type === 'object' && isPlainObject(value)) {
    const shape = inner.def.shape as Record<string, AnySchema>;
    const known = Object.keys(shape);
    // A loose object's extra keys are data (a legacy item's display values): only near misses count.
    const takesExtras =
      inner.def.catchall !== undefined && unwrap(inner.def.catchall as AnySchema).def.type !== 'never';
    for (const [key, child] of Object.entries(value)) {
      const field = shape[key];
      if (field) walk(field, child, [...path, key], out, loose);
      else if (!(takesExtras || loose) || closestKey(key, known) !== null) {
        out.push({ path: [...path, key].join('.'), key, known });
      }
    }
  }
}

/**
 * Keys of `value` that `schema` does not declare (zod drops them, as HubSpot ignores them), found by
 * walking the schema itself, so the rules stay in one place. With `nearMissesOnly`, only keys that
 * look like a misspelling of a declared one are listed. Runs on any value; never throws.
 */
export function ignoredFields(
  schema: z.ZodType,
  value: unknown,
  options: { nearMissesOnly?: boolean } = {},
): IgnoredField[] {
  const out: IgnoredField[] = [];
  walk(schema as AnySchema, value, [], out, options.nearMissesOnly ?? false);
  return out;
}
