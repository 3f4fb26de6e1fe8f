import { z } from 'zod';
import { limits } from '../limits.ts';
import type { SchemaIssue } from '../schema-issues.ts';
import { cardPropertySchema } from './card-property.ts';
import { cardResponseIssues } from './card-response-hints.ts';
import { dataTypeSchema } from './common.ts';
import { cardResultSchema, legacyCardResponseSchema } from './crm-card-fetch.ts';

// HubSpot's Legacy CRM Card Converter reads the legacy reply without checking it against HubSpot's
// rules: it maps every result, upper-cases a property's dataType and shows a type it does not know
// as text, and shows a CURRENCY without currencyCode as the value sent. The schema below is the
// legacy one with exactly those rules relaxed, so both stay one rule. docs/migration.md.

const isKnownDataType = (value: string) => dataTypeSchema.safeParse(value).success;

/** A property of a data type HubSpot does not know: the converter shows its value as text. */
const unknownTypePropertySchema = z.object({
  label: z.string(),
  name: z.string().optional(),
  dataType: z.string().refine((value) => !isKnownDataType(value), 'is a known data type'),
  value: z.union([z.string(), z.number(), z.boolean()]),
});

// The legacy property schema's options, CURRENCY's `currencyCode` made optional.
const relaxedOptions = cardPropertySchema.options.map((option) =>
  option.shape.dataType.value === 'CURRENCY' && 'currencyCode' in option.shape
    ? option.extend({ currencyCode: option.shape.currencyCode.optional() })
    : option,
);
type RelaxedOption = (typeof relaxedOptions)[number];

/** A `properties[]` item as the converter reads it: dataType in any case, CURRENCY without a code, any type. */
export const converterCardPropertySchema = z.preprocess(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { dataType?: unknown }).dataType === 'string'
      ? { ...value, dataType: (value as { dataType: string }).dataType.toUpperCase() }
      : value,
  z.union([
    z.discriminatedUnion('dataType', relaxedOptions as [RelaxedOption, ...RelaxedOption[]]),
    unknownTypePropertySchema,
  ]),
);
export type ConverterCardProperty = z.output<typeof converterCardPropertySchema>;

/** The legacy reply as the converter reads it: any number of results, properties as above. */
export const converterCardResponseSchema = legacyCardResponseSchema.extend({
  results: z.array(cardResultSchema.extend({ properties: z.array(converterCardPropertySchema).optional() })),
});
export type ConverterCardResponse = z.output<typeof converterCardResponseSchema>;

/** What the converter shows for a reply part legacy HubSpot refused, by the refused path. */
function converterEffect(issue: SchemaIssue, reply: unknown): string {
  if (issue.path === 'results') {
    const count = (reply as { results: unknown[] }).results.length;
    return `the converter shows all ${count} results; HubSpot showed at most ${limits.maxCardResults}, with a "See more" link to the rest`;
  }
  if (issue.path.endsWith('.currencyCode')) {
    return 'the converter shows the value as sent, a bare number with no currency';
  }
  if (issue.path.endsWith('.dataType')) {
    const segments = issue.path.split('.');
    let value: unknown = reply;
    for (const segment of segments) value = (value as Record<string, unknown> | undefined)?.[segment];
    const upper = typeof value === 'string' ? value.toUpperCase() : '';
    return isKnownDataType(upper)
      ? `the converter upper-cases it and shows a ${upper}`
      : 'the converter shows the value as text';
  }
  return 'the converter shows it anyway';
}

/**
 * Parses a data-fetch reply as the converter reads it ({@link converterCardResponseSchema}). When it
 * passes, `refusedByLegacy` lists what legacy HubSpot's schema refused in it (six results, a
 * CURRENCY without `currencyCode`, an unknown or lower-case `dataType`), each saying "the converter
 * renders this; legacy HubSpot refused it" and what the converter shows. Empty for a reply both take.
 */
export function parseConverterCardResponse(value: unknown): {
  result: z.ZodSafeParseResult<ConverterCardResponse>;
  refusedByLegacy: SchemaIssue[];
} {
  const result = converterCardResponseSchema.safeParse(value);
  if (!result.success || legacyCardResponseSchema.safeParse(value).success) {
    return { result, refusedByLegacy: [] };
  }
  const refusedByLegacy = cardResponseIssues(value).map((issue) => ({
    path: issue.path,
    message: `the converter renders this; legacy HubSpot refused it (${issue.message}): ${converterEffect(issue, value)}`,
  }));
  return { result, refusedByLegacy };
}
