/**
 * Error codes raised by @spoke/emulator, with their HTTP status. Each has a row in
 * docs/errors.md (anchor: the code in lower-case kebab form); a test keeps both equal.
 * Codes are never reused. Dispatch codes describe what went wrong calling a service
 * (recorded on the exchange, not thrown at the caller).
 */
export const emulatorErrorCodes = {
  // --- dispatch: platform → service calls (owned by src/dispatch) ---
  DISPATCH_CONNECT_TIMEOUT: 504,
  DISPATCH_DEADLINE_EXCEEDED: 504,
  DISPATCH_CONNECTION_FAILED: 502,
  DISPATCH_REPLY_TOO_LARGE: 502,
  DISPATCH_REPLY_NOT_JSON: 502,
  DISPATCH_REPLY_INVALID: 502,
  DISPATCH_STATUS_NOT_OK: 502,
  CARD_ACTION_OUTSIDE_BASE_URLS: 502,
  DISPATCH_URL_INVALID: 502,
  DISPATCH_CARD_NOT_FOR_OBJECT_TYPE: 400,
  DISPATCH_ACTION_NOT_A_HOOK: 400,
  // Warnings on an exchange whose card still renders (status 200: nothing fails).
  DISPATCH_REPLY_FIELD_IGNORED: 200,
  DISPATCH_REPLY_DUPLICATE_OBJECT_ID: 200,
  DISPATCH_HOOK_METHOD_DEFAULTED: 200,
  // A note (info): a requested property the record has no value for was left out.
  DISPATCH_PROPERTY_NOT_SENT: 200,
  // Converter mode: a targetUrl with its own query gets a second `?`; the card still fetches.
  DISPATCH_CONVERTER_QUERY_BROKEN: 200,
  // Converter mode: a card-settings value the converter shows otherwise ([object Object]) or not at all.
  DISPATCH_CONVERTER_VALUE_MISREAD: 200,
  // Converter mode: hubspot.fetch sent the call again after a connection failure or a 5xx.
  DISPATCH_RETRIED: 200,
  // Converter mode: the converter refuses the card definition, so nothing is fetched.
  DISPATCH_CONVERTER_DEFINITION_INVALID: 502,
  // Converter mode: a baseUrl on this machine, which the converter refuses; the card still fetches.
  DISPATCH_CONVERTER_DEFINITION_LOCAL: 200,
  // Converter mode: a reply legacy HubSpot refused (six results, no currencyCode…) that the converter renders.
  DISPATCH_CONVERTER_LENIENT: 200,
  // Converter mode: production's hubspot.fetch would refuse this URL (not in permittedUrls.fetch,
  // not HTTPS, localhost); the emulator delivered it anyway.
  DISPATCH_URL_NOT_PERMITTED: 200,
  // Converter mode: hubspot.fetch's limits, refused before anything is sent.
  DISPATCH_CONCURRENCY_LIMIT: 429,
  DISPATCH_REQUEST_TOO_LARGE: 413,
  // --- api: developer and control API (owned by src/api and src/store) ---
  API_UNAUTHORIZED: 401,
  API_NOT_FOUND: 404,
  API_VALIDATION_FAILED: 400,
  API_MALFORMED_JSON: 400,
  API_BODY_TOO_LARGE: 413,
  API_METHOD_NOT_ALLOWED: 405,
  API_CARD_LIMIT_REACHED: 400,
  API_MISSING_SCOPES: 403,
  API_CONFLICT: 409,
  API_NOT_CONFIGURED: 409,
  // Cards, Share Via and the channel connection reach an app only in portals where it is installed.
  API_NOT_INSTALLED: 409,
  API_INTERNAL_ERROR: 500,
  API_HOST_NOT_ALLOWED: 403,
  API_CROSS_SITE_REQUEST: 403,
  API_ACCESS_TOKEN_REQUIRED: 401,
  API_UNSUPPORTED_MEDIA_TYPE: 415,
  // HubSpot's developer-API rate limits (ten-second rolling window, daily), with X-HubSpot-RateLimit-* headers.
  API_RATE_LIMITED: 429,
  // A `Warning: 299` header on a 2xx answer: HubSpot ignored part of the body without a word.
  API_FIELD_IGNORED: 200,
  // A `Warning: 299` header: the app is in converter mode and the converter refuses the card definition.
  API_CONVERTER_DEFINITION_REFUSED: 200,
  // --- crm: HubSpot's CRM objects API v3 an installed app calls with its access token (owned by src/api/crm) ---
  CRM_TOKEN_MISSING: 401,
  CRM_TOKEN_INVALID: 401,
  CRM_TOKEN_EXPIRED: 401,
  CRM_MISSING_SCOPES: 403,
  CRM_OBJECT_NOT_FOUND: 404,
  CRM_OBJECT_TYPE_UNSUPPORTED: 400,
  // --- oauth: HubSpot's OAuth 2.0 (owned by src/oauth); the body's `status` is HubSpot's name, the code without OAUTH_ ---
  OAUTH_BAD_CLIENT_ID: 400,
  OAUTH_BAD_CLIENT_SECRET: 400,
  OAUTH_BAD_REDIRECT_URI: 400,
  OAUTH_UNKNOWN_SCOPE: 400,
  OAUTH_BAD_GRANT_TYPE: 400,
  OAUTH_BAD_AUTH_CODE: 400,
  OAUTH_EXPIRED_AUTH_CODE: 400,
  OAUTH_MISMATCH_REDIRECT_URI_AUTH_CODE: 400,
  OAUTH_BAD_REFRESH_TOKEN: 400,
  STORE_SCHEMA_TOO_NEW: 500,
  EMULATOR_CONFIG_INVALID: 500,
  // --- store: the data file (owned by src/store) ---
  STORE_CANNOT_OPEN: 500,
  STORE_DISK_FULL: 507,
  STORE_UNWRITABLE: 503,
  STORE_STATE_TOO_LARGE: 409,
} as const;

export type EmulatorErrorCode = keyof typeof emulatorErrorCodes;

/** Link to the row that explains a code. */
export function errorDocUrl(code: string): string {
  return `docs/errors.md#${code.toLowerCase().replaceAll('_', '-')}`;
}

/** One entry of the `errors` of HubSpot's error body, with its `context` (e.g. `requiredGranularScopes`). */
export interface EmulatorErrorDetail {
  message: string;
  context?: Record<string, string[]>;
}

/** The one error class of @spoke/emulator. */
export class SpokeEmulatorError extends Error {
  readonly code: EmulatorErrorCode;
  readonly status: number;
  /** HubSpot's `errors` and `links` for the body, where HubSpot gives them (MISSING_SCOPES). */
  readonly details?: { errors?: EmulatorErrorDetail[]; links?: Record<string, string> };
  constructor(
    code: EmulatorErrorCode,
    message: string,
    options?: { cause?: unknown; errors?: EmulatorErrorDetail[]; links?: Record<string, string> },
  ) {
    super(`[spoke] ${message} See ${errorDocUrl(code)}`, options);
    this.name = 'SpokeEmulatorError';
    this.code = code;
    this.status = emulatorErrorCodes[code];
    if (options?.errors || options?.links) {
      this.details = {
        ...(options.errors ? { errors: options.errors } : {}),
        ...(options.links ? { links: options.links } : {}),
      };
    }
  }
}
