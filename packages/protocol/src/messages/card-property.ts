import { z } from 'zod';
import { statusTypeSchema } from './common.ts';
import { currencyCodeProblem, dateValueProblem, isCalendarDate, isCurrencyCode } from './property-values.ts';

// Values "arrive as strings" (docs/protocol.md §2.3) but services often send numbers; both are accepted.
const numberLike = z.union([
  z.number().finite(),
  z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number or a numeric string'),
]);
const epochMs = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, 'must be epoch milliseconds'),
]);
const base = { label: z.string(), name: z.string().optional() };

/** One typed property of a card item, told apart by `dataType`. docs/protocol.md §2.3. */
export const cardPropertySchema = z.discriminatedUnion('dataType', [
  z.object({ ...base, dataType: z.literal('STRING'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ ...base, dataType: z.literal('NUMERIC'), value: numberLike }),
  z.object({
    ...base,
    dataType: z.literal('CURRENCY'),
    value: numberLike,
    // The pattern keeps the JSON Schema useful; the list is the rule. docs/protocol.md §2.3.
    currencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD')
      .check((ctx) => {
        // A valid code is the usual case: one look-up. A code off the pattern has its issue already.
        if (isCurrencyCode(ctx.value) || !/^[A-Z]{3}$/.test(ctx.value)) return;
        ctx.issues.push({
          code: 'custom',
          message: String(currencyCodeProblem(ctx.value)),
          input: ctx.value,
        });
      }),
  }),
  z.object({
    ...base,
    dataType: z.literal('DATE'),
    value: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-mm-dd')
      .check((ctx) => {
        // A real day is the usual case: one test. A value off the pattern has its issue already.
        if (isCalendarDate(ctx.value) || !/^\d{4}-\d{2}-\d{2}$/.test(ctx.value)) return;
        ctx.issues.push({ code: 'custom', message: String(dateValueProblem(ctx.value)), input: ctx.value });
      }),
  }),
  z.object({ ...base, dataType: z.literal('DATETIME'), value: epochMs }),
  z.object({ ...base, dataType: z.literal('EMAIL'), value: z.string() }),
  z.object({ ...base, dataType: z.literal('LINK'), value: z.string(), linkLabel: z.string().optional() }),
  z.object({ ...base, dataType: z.literal('STATUS'), value: z.string(), optionType: statusTypeSchema }),
  z.object({
    ...base,
    dataType: z.literal('BOOLEAN'),
    value: z.union([z.boolean(), z.enum(['true', 'false'])]),
  }),
]);
export type CardProperty = z.infer<typeof cardPropertySchema>;

/** A `sections`-format token: like a property, with the data type optional (STRING). */
export const cardTokenSchema = z.object({
  name: z.string().optional(),
  label: z.string().optional(),
  dataType: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  currencyCode: z.string().optional(),
  linkLabel: z.string().optional(),
  optionType: z.string().optional(),
});
export type CardToken = z.infer<typeof cardTokenSchema>;
