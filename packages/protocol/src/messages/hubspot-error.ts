import { z } from 'zod';

/** HubSpot's error categories the developer API answers with. */
export const errorCategorySchema = z.enum([
  'VALIDATION_ERROR',
  'INVALID_AUTHENTICATION',
  /** An OAuth access token past its expiry (the CRM API's 401). */
  'EXPIRED_AUTHENTICATION',
  'MISSING_SCOPES',
  'OBJECT_NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITS',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
]);
export type ErrorCategory = z.infer<typeof errorCategorySchema>;

/** HubSpot's error body. docs/protocol.md §2.1. */
export const hubspotErrorSchema = z.object({
  status: z.literal('error'),
  message: z.string(),
  correlationId: z.string(),
  category: z.string(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        in: z.string().optional(),
        code: z.string().optional(),
        /** What the problem is about, e.g. `requiredGranularScopes` of a MISSING_SCOPES answer. */
        context: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
  /** Where to read more, e.g. `{scopes: "https://developers.hubspot.com/scopes"}`. */
  links: z.record(z.string(), z.string()).optional(),
});
export type HubspotError = z.infer<typeof hubspotErrorSchema>;
