import { associatedObjectTypeSchema } from './common.ts';
import type { CardFetchRequest } from './crm-card-fetch.ts';

const objectTypes: ReadonlySet<unknown> = new Set(associatedObjectTypeSchema.options);
const digits = /^\d+$/;
// The six keys `cardFetchQuerySchema` names; every other key is a record property.
const namedKeys: ReadonlySet<string> = new Set([
  'userId',
  'userEmail',
  'associatedObjectId',
  'associatedObjectType',
  'portalId',
  'appId',
]);

/**
 * The usual data-fetch query parsed by hand, for the framework's hot path: the same value
 * `cardFetchRequestSchema` would give (property order included), or `undefined` when not sure,
 * and the caller then runs the zod schema, which also words the issues. Never more lenient than
 * the schema: test/card-fetch-quick-parse.test.ts compares the two on generated queries.
 */
export function quickParseCardFetchRequest(raw: unknown): CardFetchRequest | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const proto = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const query = raw as Record<string, unknown>;
  const userId = exactId(query.userId);
  const associatedObjectId = exactId(query.associatedObjectId);
  const portalId = exactId(query.portalId);
  const { userEmail, associatedObjectType, appId } = query;
  if (userId === undefined || associatedObjectId === undefined || portalId === undefined) return undefined;
  if (typeof userEmail !== 'string' || !objectTypes.has(associatedObjectType)) return undefined;
  const appIdNumber = appId === undefined ? undefined : exactId(appId);
  if (appId !== undefined && appIdNumber === undefined) return undefined;
  const properties: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    if (namedKeys.has(key)) continue;
    const value = query[key];
    // `__proto__` would need the schema's own handling; leave it to zod.
    if (typeof value !== 'string' || key === '__proto__') return undefined;
    properties[key] = value;
  }
  return {
    userId,
    userEmail,
    associatedObjectId,
    associatedObjectType: associatedObjectType as CardFetchRequest['associatedObjectType'],
    portalId,
    ...(appIdNumber === undefined ? {} : { appId: appIdNumber }),
    properties,
  };
}

/** A digit string that a JS number holds exactly, as that number; otherwise undefined. */
function exactId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !digits.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}
