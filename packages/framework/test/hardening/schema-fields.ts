/**
 * Field paths of a protocol zod schema, read from its public `def` (zod 4) without importing zod,
 * which @spoke/framework does not depend on. Unions follow their first option (the current
 * shape), pipes their input, optionals their inner type, arrays their element as index 0.
 */
export type FieldPath = readonly (string | number)[];

interface Def {
  type: string;
  shape?: Record<string, { def: Def }>;
  innerType?: { def: Def };
  options?: readonly { def: Def }[];
  in?: { def: Def };
  element?: { def: Def };
}

/** Every field path of the schema, parents before children. */
export function schemaFields(schema: unknown): FieldPath[] {
  const paths: FieldPath[] = [];
  walk((schema as { def: Def }).def, [], paths);
  return paths;
}

function walk(def: Def, at: FieldPath, paths: FieldPath[]): void {
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        paths.push([...at, key]);
        walk(child.def, [...at, key], paths);
      }
      return;
    case 'optional':
    case 'nullable':
      if (def.innerType) walk(def.innerType.def, at, paths);
      return;
    case 'union':
      if (def.options?.[0]) walk(def.options[0].def, at, paths);
      return;
    case 'pipe':
      if (def.in) walk(def.in.def, at, paths);
      return;
    case 'array':
      paths.push([...at, 0]);
      if (def.element) walk(def.element.def, [...at, 0], paths);
      return;
    default:
      return;
  }
}

/** Marks a field to delete rather than set. */
export const missing = Symbol('missing');

/** A deep copy of `value` with the field at `path` set (or deleted with {@link missing}). */
export function withField(value: unknown, path: FieldPath, replacement: unknown): unknown {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1);
  if (last === undefined) return replacement;
  if (replacement === missing) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}
