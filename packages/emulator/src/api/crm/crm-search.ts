import type { CrmFilter, CrmSearchRequest } from '@spoke/protocol';
import type { CrmObjectType, CrmRecord } from '../../store/entities.ts';
import { queryProperties } from './crm-object-types.ts';

/**
 * HubSpot's CRM search on the emulator's records: filter groups ORed, the filters of a group ANDed,
 * `query` over the default searchable properties, one sort. Values are strings as HubSpot keeps
 * them; a comparison is numeric when both sides are numbers, by time when the stored value is a date
 * (a filter may give epoch milliseconds, as HubSpot's date filters take), else case-insensitive text.
 */

type Comparable = { kind: 'number'; value: number } | { kind: 'text'; value: string };

const numberPattern = /^-?\d+(\.\d+)?$/;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function comparable(value: string | number | boolean): Comparable {
  const text = String(value).trim();
  if (numberPattern.test(text)) return { kind: 'number', value: Number(text) };
  if (isoDatePattern.test(text)) {
    const time = Date.parse(text);
    if (Number.isFinite(time)) return { kind: 'number', value: time };
  }
  return { kind: 'text', value: text.toLowerCase() };
}

/** Negative, zero or positive, like a sort comparator. */
function compare(stored: string, given: string | number | boolean): number {
  const a = comparable(stored);
  const b = comparable(given);
  if (a.kind === 'number' && b.kind === 'number') return a.value - b.value;
  const left = String(stored).toLowerCase();
  const right = String(given).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters and the rest is
 * literal. A scan (prefix, suffix, then each middle part at its first place), not a RegExp built
 * from the caller's value: a pattern of many `*` cannot make it slow.
 */
function wildcardMatch(text: string, pattern: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  const end = text.length - last.length;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** CONTAINS_TOKEN: the value (with `*` wildcards) matches the whole text or one of its words, case-insensitive. */
function containsToken(stored: string, value: string | number | boolean): boolean {
  const pattern = String(value).toLowerCase();
  const text = stored.toLowerCase();
  return wildcardMatch(text, pattern) || text.split(/\s+/).some((token) => wildcardMatch(token, pattern));
}

function matchesFilter(record: CrmRecord, filter: CrmFilter): boolean {
  const stored = record.properties[filter.propertyName];
  const has = stored !== undefined && stored !== '';
  const value = filter.value ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && compare(stored, value) === 0;
    case 'NEQ':
      return !has || compare(stored, value) !== 0;
    case 'LT':
      return has && compare(stored, value) < 0;
    case 'LTE':
      return has && compare(stored, value) <= 0;
    case 'GT':
      return has && compare(stored, value) > 0;
    case 'GTE':
      return has && compare(stored, value) >= 0;
    case 'BETWEEN':
      return has && compare(stored, value) >= 0 && compare(stored, filter.highValue ?? '') <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => compare(stored, v) === 0);
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => compare(stored, v) === 0);
    case 'CONTAINS_TOKEN':
      return has && containsToken(stored, value);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(stored, value);
  }
}

function matchesQuery(record: CrmRecord, objectType: CrmObjectType, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return queryProperties[objectType].some((name) =>
    (record.properties[name] ?? '').toLowerCase().includes(needle),
  );
}

/** The records that match `request`, sorted as it asks (by id when it names no sort). */
export function searchRecords(
  records: readonly CrmRecord[],
  objectType: CrmObjectType,
  request: Pick<CrmSearchRequest, 'filterGroups' | 'sorts' | 'query'>,
): CrmRecord[] {
  const groups = request.filterGroups.filter((group) => group.filters.length > 0);
  const matched = records.filter(
    (record) =>
      (groups.length === 0 || groups.some((group) => group.filters.every((f) => matchesFilter(record, f)))) &&
      (request.query === undefined || matchesQuery(record, objectType, request.query)),
  );
  const byId = (a: CrmRecord, b: CrmRecord) => Number(a.id) - Number(b.id);
  const [sort] = request.sorts;
  if (sort === undefined) return matched.sort(byId);
  const { propertyName, direction } =
    typeof sort === 'string' ? { propertyName: sort, direction: 'ASCENDING' } : sort;
  const sign = direction === 'DESCENDING' ? -1 : 1;
  return matched.sort((a, b) => {
    const left = a.properties[propertyName];
    const right = b.properties[propertyName];
    // Records without the property come last either way, then by id.
    if (left === undefined || right === undefined) {
      return left === right ? byId(a, b) : left === undefined ? 1 : -1;
    }
    return sign * compare(left, right) || byId(a, b);
  });
}
