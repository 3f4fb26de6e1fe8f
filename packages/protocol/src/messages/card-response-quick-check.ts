import { limits } from '../limits.ts';
import { isCalendarDate, isCurrencyCode } from './property-values.ts';

/**
 * A hand-written check of the common legacy data-fetch reply, for the framework's hot path:
 * `true` only when `legacyCardResponseSchema` surely accepts the value; `false` means "not sure",
 * and the caller then runs the zod schema, which also words the issues. It is never more lenient
 * than the schema (test/card-response-quick-check.test.ts proves it with generated replies), so
 * anything unusual (a non-plain object, a number zod might treat differently) answers `false`.
 */
export function isSurelyValidLegacyCardResponse(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const results = value.results;
  if (!Array.isArray(results) || results.length > limits.maxCardResults) return false;
  for (const result of results) if (!isCardResult(result)) return false;
  return (
    optional(value.totalCount, isNonNegativeInt) &&
    optional(value.allItemsLink, isString) &&
    optional(value.allItemsLinkUrl, isString) &&
    optional(value.itemLabel, isString) &&
    optional(value.cardLabel, isString) &&
    optional(value.settingsAction, isIframeAction) &&
    optional(value.primaryAction, isCardAction) &&
    optional(value.secondaryActions, isActionList)
  );
}

type PlainObject = Record<string, unknown>;

// Only literal-like objects: class instances, arrays and proxies of odd shape go to zod.
function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isSafeInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isNonNegativeInt = (value: unknown) => isSafeInt(value) && value >= 0;
const isPositiveInt = (value: unknown) => isSafeInt(value) && value > 0;

// zod's `.optional()` accepts a missing key and a key set to undefined alike.
function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

// The same patterns as card-property.ts; kept literal so this module stays free of zod.
const numericString = /^-?\d+(\.\d+)?$/;
const epochMsString = /^\d+$/;
const statusTypes = new Set(['DEFAULT', 'SUCCESS', 'WARNING', 'DANGER', 'INFO']);
const hookMethods = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

function isCardResult(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (!isSafeInt(value.objectId) || typeof value.title !== 'string') return false;
  const link = value.link;
  if (!(link === undefined || link === null || typeof link === 'string')) return false;
  const properties = value.properties;
  if (properties !== undefined) {
    if (!Array.isArray(properties)) return false;
    for (const property of properties) if (!isCardProperty(property)) return false;
  }
  return optional(value.actions, isActionList);
}

function isNumberLike(value: unknown): boolean {
  return isFiniteNumber(value) || (typeof value === 'string' && numericString.test(value));
}

function isCardProperty(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (typeof value.label !== 'string' || !optional(value.name, isString)) return false;
  const v = value.value;
  switch (value.dataType) {
    case 'STRING':
      return typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v);
    case 'NUMERIC':
      return isNumberLike(v);
    case 'CURRENCY':
      return isNumberLike(v) && typeof value.currencyCode === 'string' && isCurrencyCode(value.currencyCode);
    case 'DATE':
      return typeof v === 'string' && isCalendarDate(v);
    case 'DATETIME':
      return isNonNegativeInt(v) || (typeof v === 'string' && epochMsString.test(v));
    case 'EMAIL':
      return typeof v === 'string';
    case 'LINK':
      return typeof v === 'string' && optional(value.linkLabel, isString);
    case 'STATUS':
      return (
        typeof v === 'string' && typeof value.optionType === 'string' && statusTypes.has(value.optionType)
      );
    case 'BOOLEAN':
      return typeof v === 'boolean' || v === 'true' || v === 'false';
    default:
      return false;
  }
}

function isActionList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const action of value) if (!isCardAction(action)) return false;
  return true;
}

function hasActionBase(value: PlainObject): boolean {
  return (
    typeof value.uri === 'string' &&
    value.uri.length >= 1 &&
    optional(value.label, isString) &&
    optional(value.associatedObjectProperties, isStringList)
  );
}

const isHookMethod = (value: unknown) => typeof value === 'string' && hookMethods.has(value);

function isIframeAction(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    value.type === 'IFRAME' &&
    hasActionBase(value) &&
    isPositiveInt(value.width) &&
    isPositiveInt(value.height)
  );
}

function isCardAction(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (value.type) {
    case 'IFRAME':
      return isIframeAction(value);
    case 'ACTION_HOOK':
      return hasActionBase(value) && optional(value.httpMethod, isHookMethod);
    case 'CONFIRMATION_ACTION_HOOK':
      return (
        hasActionBase(value) &&
        optional(value.httpMethod, isHookMethod) &&
        typeof value.confirmationMessage === 'string' &&
        optional(value.confirmButtonText, isString) &&
        optional(value.cancelButtonText, isString)
      );
    default:
      return false;
  }
}
