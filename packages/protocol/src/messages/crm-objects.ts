import { z } from 'zod';
import { limits } from '../limits.ts';
import { isoDateTimeSchema } from './common.ts';

/**
 * HubSpot's CRM objects API v3 (`/crm/v3/objects/{objectType}`), the API an installed app calls
 * back with its OAuth access token: a record's shape, the bodies of create, update and search, and
 * what list and search answer. docs/emulator.md, "CRM API".
 */

/** A property value as a client writes it: HubSpot keeps every value as a string. */
export const crmPropertyInputValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** `properties` of a create or update; an empty string clears a property, as in HubSpot. */
export const crmPropertiesInputSchema = z.record(z.string().min(1), crmPropertyInputValueSchema);

/** `POST /crm/v3/objects/{objectType}` (SimplePublicObjectInputForCreate). */
export const crmObjectCreateSchema = z.object({
  properties: crmPropertiesInputSchema,
  /** Associations to other records on create; the emulator keeps none (a Warning says so). */
  associations: z.array(z.unknown()).optional(),
});
export type CrmObjectCreate = z.infer<typeof crmObjectCreateSchema>;

/** `PATCH /crm/v3/objects/{objectType}/{id}` (SimplePublicObjectInput). */
export const crmObjectUpdateSchema = z.object({ properties: crmPropertiesInputSchema });
export type CrmObjectUpdate = z.infer<typeof crmObjectUpdateSchema>;

/** A record as the API answers it (SimplePublicObject). A property asked for without a value is null. */
export const crmObjectSchema = z.object({
  id: z.string().regex(/^\d+$/),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  archived: z.boolean(),
  archivedAt: isoDateTimeSchema.optional(),
});
export type CrmObject = z.infer<typeof crmObjectSchema>;

/** `paging` of a list or search page: the cursor of the next page, absent on the last. */
export const crmPagingSchema = z.object({
  next: z.object({ after: z.string().min(1), link: z.string().optional() }),
});

/** `GET /crm/v3/objects/{objectType}`. */
export const crmObjectPageSchema = z.object({
  results: z.array(crmObjectSchema),
  paging: crmPagingSchema.optional(),
});
export type CrmObjectPage = z.infer<typeof crmObjectPageSchema>;

/** `POST /crm/v3/objects/{objectType}/search`: the page plus how many records match in all. */
export const crmSearchPageSchema = crmObjectPageSchema.extend({ total: z.number().int().nonnegative() });
export type CrmSearchPage = z.infer<typeof crmSearchPageSchema>;

/** The operators of a search filter (the official client's FilterOperatorEnum). */
export const crmFilterOperatorSchema = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
export type CrmFilterOperator = z.infer<typeof crmFilterOperatorSchema>;

const filterValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Which fields each operator needs: one `value`, `values`, `value` and `highValue`, or none. */
const operandsOf = (operator: CrmFilterOperator): 'value' | 'values' | 'range' | 'none' =>
  operator === 'IN' || operator === 'NOT_IN'
    ? 'values'
    : operator === 'BETWEEN'
      ? 'range'
      : operator === 'HAS_PROPERTY' || operator === 'NOT_HAS_PROPERTY'
        ? 'none'
        : 'value';

/** One filter: `{propertyName, operator, value}` (or `values` for IN, `highValue` for BETWEEN). */
export const crmFilterSchema = z
  .object({
    propertyName: z.string().min(1),
    operator: crmFilterOperatorSchema,
    value: filterValueSchema.optional(),
    values: z.array(filterValueSchema).min(1).optional(),
    highValue: filterValueSchema.optional(),
  })
  .check((ctx) => {
    const filter = ctx.value;
    const needs = operandsOf(filter.operator);
    const missing = (field: string, what: string) =>
      ctx.issues.push({
        code: 'custom',
        input: filter,
        path: [field],
        message: `${filter.operator} needs ${what}`,
      });
    if ((needs === 'value' || needs === 'range') && filter.value === undefined)
      missing('value', needs === 'range' ? 'value (the low end) and highValue' : 'a value');
    if (needs === 'range' && filter.highValue === undefined) missing('highValue', 'highValue (the high end)');
    if (needs === 'values' && filter.values === undefined)
      missing('values', 'values, a list of at least one value');
  });
export type CrmFilter = z.infer<typeof crmFilterSchema>;

/** A sort: a property name (ascending) or `{propertyName, direction}`. */
export const crmSortSchema = z.union([
  z.string().min(1),
  z.object({
    propertyName: z.string().min(1),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
]);

/** `POST /crm/v3/objects/{objectType}/search` (PublicObjectSearchRequest), with HubSpot's limits. */
export const crmSearchRequestSchema = z
  .object({
    filterGroups: z
      .array(
        z.object({
          filters: z
            .array(crmFilterSchema)
            .max(
              limits.crmSearchMaxFiltersPerGroup,
              `a filter group holds at most ${limits.crmSearchMaxFiltersPerGroup} filters`,
            ),
        }),
      )
      .max(limits.crmSearchMaxFilterGroups, `at most ${limits.crmSearchMaxFilterGroups} filter groups`)
      .default([]),
    sorts: z.array(crmSortSchema).max(1, 'HubSpot sorts by one property').default([]),
    /** Searches the object's default searchable properties (a contact's name, email, phone…). */
    query: z.string().optional(),
    properties: z.array(z.string().min(1)).optional(),
    limit: z.number().int().min(1).max(limits.crmSearchMaxLimit).default(limits.crmListDefaultLimit),
    /** The offset of the page, as `paging.next.after` gave it. */
    after: z.union([z.string().regex(/^\d+$/, 'must be a whole number'), z.number().int().min(0)]).optional(),
  })
  .check((ctx) => {
    const total = ctx.value.filterGroups.reduce((n, group) => n + group.filters.length, 0);
    if (total > limits.crmSearchMaxFilters) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.filterGroups,
        path: ['filterGroups'],
        message: `at most ${limits.crmSearchMaxFilters} filters in all (got ${total})`,
      });
    }
  });
export type CrmSearchRequest = z.infer<typeof crmSearchRequestSchema>;
