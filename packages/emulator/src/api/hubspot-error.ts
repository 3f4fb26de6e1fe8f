import { type ErrorCategory, type HubspotError, schemaIssues } from '@spoke/protocol';
import { z } from 'zod';
import { type EmulatorErrorCode, SpokeEmulatorError } from '../errors.ts';

/** HubSpot's categories plus the one it uses for its own failures. */
export type ApiErrorCategory = ErrorCategory | 'INTERNAL_ERROR';

const categoryByCode: Partial<Record<EmulatorErrorCode, ApiErrorCategory>> = {
  STORE_STATE_TOO_LARGE: 'CONFLICT',
  API_UNAUTHORIZED: 'INVALID_AUTHENTICATION',
  API_NOT_FOUND: 'OBJECT_NOT_FOUND',
  API_VALIDATION_FAILED: 'VALIDATION_ERROR',
  API_MALFORMED_JSON: 'VALIDATION_ERROR',
  API_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  API_METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  API_CARD_LIMIT_REACHED: 'VALIDATION_ERROR',
  API_MISSING_SCOPES: 'MISSING_SCOPES',
  API_CONFLICT: 'CONFLICT',
  API_NOT_CONFIGURED: 'CONFLICT',
  API_NOT_INSTALLED: 'CONFLICT',
  API_ACCESS_TOKEN_REQUIRED: 'INVALID_AUTHENTICATION',
  // Who is asking, not what they may do: HubSpot's categories have no closer one for a 403.
  API_HOST_NOT_ALLOWED: 'INVALID_AUTHENTICATION',
  API_CROSS_SITE_REQUEST: 'INVALID_AUTHENTICATION',
  API_UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  CRM_TOKEN_MISSING: 'INVALID_AUTHENTICATION',
  CRM_TOKEN_INVALID: 'INVALID_AUTHENTICATION',
  CRM_TOKEN_EXPIRED: 'EXPIRED_AUTHENTICATION',
  CRM_MISSING_SCOPES: 'MISSING_SCOPES',
  CRM_OBJECT_NOT_FOUND: 'OBJECT_NOT_FOUND',
  CRM_OBJECT_TYPE_UNSUPPORTED: 'VALIDATION_ERROR',
};

/**
 * The one place an API error becomes a response, in HubSpot's shape
 * `{status:"error", message, correlationId, category, errors?}` (docs/protocol.md §2.1). A
 * `SpokeEmulatorError` keeps its status; a zod error as its `cause` becomes `errors[]` with
 * `in` paths. Anything else is a 500 whose message does not leak internals.
 */
export function hubspotErrorResponse(error: unknown, correlationId: string): Response {
  const known = error instanceof SpokeEmulatorError ? error : null;
  const code: EmulatorErrorCode = known?.code ?? 'API_INTERNAL_ERROR';
  const status = known?.status ?? 500;
  const body: HubspotError & { code: string } = {
    status: 'error',
    message:
      known?.message ??
      new SpokeEmulatorError(code, `the emulator failed (correlation ${correlationId}).`).message,
    correlationId,
    category: categoryByCode[code] ?? 'INTERNAL_ERROR',
    code,
  };
  const cause = known?.cause;
  if (cause instanceof z.ZodError) {
    body.errors = schemaIssues(cause).map((issue) => ({ message: issue.message, in: issue.path, code }));
  }
  if (known?.details?.errors) body.errors = known.details.errors;
  if (known?.details?.links) body.links = known.details.links;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8', 'x-hubspot-correlation-id': correlationId },
  });
}
