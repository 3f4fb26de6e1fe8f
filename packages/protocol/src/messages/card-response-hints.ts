import type { z } from 'zod';
import { closestKey, ignoredFields } from '../field-hints.ts';
import type { SchemaIssue } from '../schema-issues.ts';
import { compareIssuePaths } from '../schema-issues.ts';
import { cardActionSchema, iframeActionSchema, v3CardActionSchema } from './card-action.ts';
import { cardPropertySchema } from './card-property.ts';
import {
  cardResultSchema,
  legacyCardResponseSchema,
  parseCardResponse,
  sectionsCardResponseSchema,
} from './crm-card-fetch.ts';

/**
 * Something HubSpot accepts but that is probably not what the service meant: a field it ignores,
 * two items with one `objectId`, a hook whose method it picks. The card still renders.
 */
export interface CardReplyWarning extends SchemaIssue {
  readonly code: 'FIELD_IGNORED' | 'DUPLICATE_OBJECT_ID' | 'HOOK_METHOD_DEFAULTED';
}

type Path = readonly (string | number)[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const dotted = (path: Path) => path.map(String).join('.') || '(root)';

// Names services use for a field HubSpot spells otherwise, beyond a misspelling (closestKey).
const aliases: Record<string, readonly string[]> = {
  objectId: ['id', 'object_id'],
  title: ['label', 'name'],
  uri: ['url', 'href'],
  url: ['uri', 'href'],
  httpMethod: ['method'],
  confirmationMessage: ['message', 'confirmMessage'],
};

// Fields of a card definition (developer API) that services echo into the data-fetch reply.
const definitionFields = new Set([
  'propertiesToSend',
  'targetUrl',
  'objectTypes',
  'baseUrls',
  'fetch',
  'display',
]);

/** The key of `object` that most likely meant `wanted`: an alias or a misspelling. */
function likelyKeyFor(wanted: string, object: Record<string, unknown>): string | null {
  const present = Object.keys(object);
  const alias = aliases[wanted]?.find((name) => name in object);
  if (alias) return alias;
  return present.find((key) => closestKey(key, [wanted]) === wanted) ?? null;
}

const actionTypes = ['IFRAME', 'ACTION_HOOK', 'CONFIRMATION_ACTION_HOOK'];

/** An action where an item belongs: `{type: 'iframe', url}` in `results`. */
function looksLikeAction(value: unknown): string | null {
  if (!isPlainObject(value) || typeof value.type !== 'string') return null;
  const type = value.type.toUpperCase();
  if (!actionTypes.includes(type) || !('uri' in value || 'url' in value)) return null;
  return type === 'IFRAME' ? 'an iframe action' : 'an action hook';
}

/** The discriminated schema a `type`/`dataType` at `path` is checked against, if any. */
function discriminatedAt(path: Path, format: 'legacy' | 'sections'): z.ZodType | null {
  const [last, parent, grandparent] = [path.at(-1), path.at(-2), path.at(-3)];
  if (last === 'dataType' && grandparent === 'properties') return cardPropertySchema;
  if (last !== 'type') return null;
  if (parent === 'settingsAction') return iframeActionSchema;
  const inList =
    typeof parent === 'number' && ['actions', 'secondaryActions', 'secondary'].includes(String(grandparent));
  const single = ['primaryAction', 'primary', 'settings'].includes(String(parent));
  if (!inList && !single) return null;
  return format === 'sections' ? v3CardActionSchema : cardActionSchema;
}

function prefixed(error: z.ZodError, path: Path): z.core.$ZodIssue[] {
  return error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
}

function explainIssue(issue: z.core.$ZodIssue, root: unknown, format: 'legacy' | 'sections'): SchemaIssue[] {
  const path = issue.path as Path;
  const value = at(root, path);
  const parent = at(root, path.slice(0, -1));
  const key = path.at(-1);
  // A discriminator in the wrong case hides every other problem of its object: name the case, then check the rest.
  const discriminated = discriminatedAt(path, format);
  if (discriminated && typeof value === 'string' && isPlainObject(parent)) {
    const upper = value.toUpperCase();
    const retried = discriminated.safeParse({ ...parent, [String(key)]: upper });
    const rest = retried.success ? [] : prefixed(retried.error, path.slice(0, -1));
    if (!rest.some((other) => dotted(other.path as Path) === dotted(path))) {
      return [
        { path: dotted(path), message: `${JSON.stringify(value)} must be upper case: "${upper}"` },
        ...rest.flatMap((other) =>
          explainIssue(other, wrapAt(path.slice(0, -1), { ...parent, [String(key)]: upper }, root), format),
        ),
      ];
    }
    return [{ path: dotted(path), message: `${issue.message}; got ${JSON.stringify(value)}` }];
  }
  if (
    issue.code === 'invalid_type' &&
    value === undefined &&
    isPlainObject(parent) &&
    typeof key === 'string'
  ) {
    const found = likelyKeyFor(key, parent);
    const expected = `expected ${issue.expected}`;
    if (found === 'url' && key === 'uri') {
      return [
        {
          path: dotted(path),
          message: `missing; found \`url\`, the \`sections\` format's name: a \`results\` reply spells it \`uri\``,
        },
      ];
    }
    return [
      {
        path: dotted(path),
        message: found
          ? `missing (${expected}); found \`${found}\`: did you mean \`${key}\`?`
          : `missing (${expected})`,
      },
    ];
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array' && isPlainObject(value)) {
    return [{ path: dotted(path), message: 'must be an array, not an object: wrap it in [ ]' }];
  }
  if (issue.code === 'invalid_type' && path.length === 0 && Array.isArray(value)) {
    return [
      {
        path: '(root)',
        message: 'the reply is an array; HubSpot reads an object: answer `{"results": [...]}`',
      },
    ];
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof value === 'string') {
    const hint = /^-?\d+(\.\d+)?$/.test(value.trim()) ? ': send it without quotes' : '';
    return [
      { path: dotted(path), message: `must be a number, not the string ${JSON.stringify(value)}${hint}` },
    ];
  }
  if (issue.code === 'too_big' && path.length === 1 && Array.isArray(value)) {
    // The array's size check runs before its items are checked: check them too, so one pass shows all.
    const element =
      format === 'sections' ? sectionsCardResponseSchema.shape.sections.element : cardResultSchema;
    const more = value.flatMap((item, i) => {
      const parsed = element.safeParse(item);
      return parsed.success
        ? []
        : prefixed(parsed.error, [...path, i]).flatMap((other) => explainIssue(other, root, format));
    });
    return [{ path: dotted(path), message: `${issue.message}; got ${value.length}` }, ...more];
  }
  return [{ path: dotted(path), message: issue.message }];
}

/** `root` with `replacement` put at `path` (a shallow copy along the way), for re-checking a fixed-up object. */
function wrapAt(path: Path, replacement: unknown, root: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head as string | number] = wrapAt(rest, replacement, copy[head as string | number]);
  return copy;
}

/**
 * Every problem of a data-fetch reply, in one pass and sorted by path, each naming the likely
 * mistake: an action where an item belongs, a card definition where the reply belongs, a key
 * misspelled or in the wrong case. Empty when the reply is valid. The schema decides what is
 * wrong; this only explains it (and runs only on failure).
 * @example cardResponseIssues({ results: [{ type: 'IFRAME', uri: 'https://x' }] })
 * // [{ path: 'results.0', message: 'this looks like an iframe action, not a card item; …' }]
 */
export function cardResponseIssues(value: unknown): SchemaIssue[] {
  const { format, result } = parseCardResponse(value);
  if (result.success) return [];
  if (isPlainObject(value) && !('results' in value) && !('sections' in value) && 'fetch' in value) {
    return [
      {
        path: '(root)',
        message:
          'this is a card definition (it has `fetch`); the definition goes to the developer API, and the data fetch answers `{"results": [...]}`',
      },
    ];
  }
  const actionItems = new Map<number, string>();
  const items = isPlainObject(value) ? value[format === 'sections' ? 'sections' : 'results'] : undefined;
  if (Array.isArray(items)) {
    items.forEach((item, i) => {
      const kind = looksLikeAction(item);
      if (kind && isPlainObject(item) && !('objectId' in item) && !('id' in item)) actionItems.set(i, kind);
    });
  }
  const listName = format === 'sections' ? 'sections' : 'results';
  const issues: SchemaIssue[] = [];
  for (const issue of result.error.issues) {
    const [first, index] = issue.path;
    if (first === listName && typeof index === 'number' && actionItems.has(index)) continue;
    issues.push(...explainIssue(issue, value, format));
  }
  for (const [i, kind] of actionItems) {
    const where =
      format === 'sections'
        ? "`topLevelActions.primary` (or a section's `actions`)"
        : "`primaryAction` (or an item's `actions`)";
    issues.push({
      path: `${listName}.${i}`,
      message: `this looks like ${kind}, not a card item; put it in ${where}. An item needs \`${format === 'sections' ? 'id' : 'objectId'}\` and \`title\``,
    });
  }
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const id = `${issue.path}\u0000${issue.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort(compareIssuePaths);
}

function hookWarnings(action: unknown, path: string): CardReplyWarning[] {
  if (!isPlainObject(action) || typeof action.type !== 'string') return [];
  if (!action.type.endsWith('ACTION_HOOK') || action.httpMethod !== undefined) return [];
  return [
    {
      code: 'HOOK_METHOD_DEFAULTED',
      path: `${path}.httpMethod`,
      message: `${action.type} without \`httpMethod\` is sent as GET; set \`httpMethod\` to say which method the hook takes`,
    },
  ];
}

/**
 * What HubSpot accepts in a data-fetch reply but probably was not meant: fields it ignores
 * (`secondaryAction`, `propertiesToSend`), items sharing one `objectId`, hooks without
 * `httpMethod`. `displayPropertyNames` (the card's display properties) are item data, not typos.
 */
export function cardResponseWarnings(
  value: unknown,
  options: { displayPropertyNames?: readonly string[] } = {},
): CardReplyWarning[] {
  if (!isPlainObject(value)) return [];
  const sections = 'sections' in value;
  const schema = sections ? sectionsCardResponseSchema : legacyCardResponseSchema;
  const warnings: CardReplyWarning[] = [];
  const display = new Set(options.displayPropertyNames ?? []);
  for (const field of ignoredFields(schema, value)) {
    if (display.has(field.key)) continue;
    const topLevel = !field.path.includes('.');
    if (topLevel && definitionFields.has(field.key)) {
      warnings.push({
        code: 'FIELD_IGNORED',
        path: field.path,
        message: `\`${field.key}\` belongs to the card definition (developer API), not the data-fetch reply; HubSpot ignores it here`,
      });
      continue;
    }
    const alias = Object.entries(aliases).find(
      ([name, names]) => field.known.includes(name) && names.includes(field.key),
    )?.[0];
    const meant = closestKey(field.key, field.known) ?? alias ?? null;
    const owner = at(value, field.path.split('.').slice(0, -1));
    if (meant === null || (isPlainObject(owner) && meant in owner)) continue;
    const array = meant.endsWith('s') && !field.key.endsWith('s') ? ' (an array)' : '';
    warnings.push({
      code: 'FIELD_IGNORED',
      path: field.path,
      message: `HubSpot ignores \`${field.key}\`; did you mean \`${meant}\`${array}?`,
    });
  }
  const listName = sections ? 'sections' : 'results';
  const items = Array.isArray(value[listName]) ? (value[listName] as unknown[]) : [];
  const idKey = sections ? 'id' : 'objectId';
  // HubSpot's docs call objectId "a unique ID for this object" but render every item; a repeat is
  // a warning, not a failure, since the card still shows. docs/protocol.md §2.3.
  const firstAt = new Map<string, number>();
  const actions: [unknown, string][] = [];
  const listed = (list: unknown, path: string) =>
    Array.isArray(list) ? list.map((action, j): [unknown, string] => [action, `${path}.${j}`]) : [];
  for (const [i, item] of items.entries()) {
    if (!isPlainObject(item)) continue;
    actions.push(...listed(item.actions, `${listName}.${i}.actions`));
    const id = item[idKey];
    if (typeof id !== 'number' && typeof id !== 'string') continue;
    const first = firstAt.get(String(id));
    if (first === undefined) firstAt.set(String(id), i);
    else {
      warnings.push({
        code: 'DUPLICATE_OBJECT_ID',
        path: `${listName}.${i}.${idKey}`,
        message: `${idKey} ${JSON.stringify(id)} repeats ${listName}.${first}'s; HubSpot shows both items, but an ${idKey} is the item's identity: give each item its own`,
      });
    }
  }
  const top = sections ? value.topLevelActions : value;
  if (isPlainObject(top)) {
    const [primary, secondary] = sections ? ['primary', 'secondary'] : ['primaryAction', 'secondaryActions'];
    const prefix = sections ? 'topLevelActions.' : '';
    actions.push([top[primary], `${prefix}${primary}`], ...listed(top[secondary], `${prefix}${secondary}`));
  }
  for (const [action, path] of actions) warnings.push(...hookWarnings(action, path));
  return warnings.sort(compareIssuePaths);
}
