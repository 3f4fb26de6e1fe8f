/**
 * Error codes raised by @spoke/framework, with the HTTP status each answers with. Each has a
 * row in docs/errors.md (anchor: the code in lower-case kebab form). Codes are never reused.
 * Signature failures are not here: they keep the protocol's `SIGNATURE_*` codes.
 */
export const frameworkErrorCodes = {
  // --- requests the framework refuses ---
  REQUEST_BODY_TOO_LARGE: 413,
  REQUEST_BODY_TIMEOUT: 408,
  REQUEST_MALFORMED_JSON: 400,
  REQUEST_BODY_UNEXPECTED: 400,
  REQUEST_INVALID: 400,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // --- the service's own side ---
  REPLY_INVALID: 500,
  HANDLER_FAILED: 500,
  RAW_BODY_UNAVAILABLE: 500,
  // --- thrown while the app is built ---
  APP_CONFIG_INVALID: 500,
  ROUTE_DUPLICATE: 500,
} as const;

export type FrameworkErrorCode = keyof typeof frameworkErrorCodes;

/** Link to the row that explains a code. */
export function errorDocUrl(code: string): string {
  return `docs/errors.md#${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The one error class of @spoke/framework: carries a registered `code` and its HTTP `status`. */
export class SpokeFrameworkError extends Error {
  readonly code: FrameworkErrorCode;
  readonly status: number;
  constructor(code: FrameworkErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[spoke] ${message} See ${errorDocUrl(code)}`, options);
    this.name = 'SpokeFrameworkError';
    this.code = code;
    this.status = frameworkErrorCodes[code];
  }
}
