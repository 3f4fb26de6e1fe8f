import type { z } from 'zod';
import { compareIssuePaths } from './schema-issues.ts';

/** A field HubSpot would drop without a word: where it was found and what it likely meant. */
export interface IgnoredField {
  /** Dotted path of the field (`fetch.propertiesToSend`, `secondaryAction`). */
  readonly path: string;
  /** The unknown key itself. */
  readonly key: string;
  /** The keys the object at that place does take, for "did you mean". */
  readonly known: readonly string[];
}

// Edits between two names, a swap of neighbours counting as one (`heigth` → `height`).
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const cell = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, cell(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return cell(a.length, b.length);
}

/**
 * The known key `key` is most likely a misspelling of: same letters in another case, a singular
 * or plural, or at most one edit or swap (two for keys of eight letters or more). Null when none is close.
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

/**
 * One warning per field of a request body that `schema` does not take (HubSpot ignores them
 * silently): "did you mean" for a near miss, else the keys that place takes. `readOnly` keys
 * (what a GET returns but a write ignores) say so. Sorted by path.
 * @example ignoredFieldWarnings(callingSettingsCreateSchema, { name: 'Dialer', url: 'https://x', heigth: 5 })
 * // [{ path: 'heigth', message: 'HubSpot ignores `heigth`; did you mean `height`?' }]
 */
export function ignoredFieldWarnings(
  schema: z.ZodType,
  value: unknown,
  options: { readOnly?: readonly string[] } = {},
): { path: string; message: string }[] {
  return ignoredFields(schema, value)
    .map((field) => {
      if (!field.path.includes('.') && options.readOnly?.includes(field.key)) {
        return {
          path: field.path,
          message: `\`${field.key}\` is set by HubSpot; a request body's is ignored`,
        };
      }
      const meant = closestKey(field.key, field.known);
      return {
        path: field.path,
        message: meant
          ? `HubSpot ignores \`${field.key}\`; did you mean \`${meant}\`?`
          : `HubSpot ignores \`${field.key}\`: it takes ${field.known.map((key) => `\`${key}\``).join(', ')} here`,
      };
    })
    .sort(compareIssuePaths);
}
