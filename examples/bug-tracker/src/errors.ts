/**
 * Error codes raised by the bug-tracker example, with the HTTP status each answers with. Each
 * has a row in docs/errors.md (anchor: the code in lower-case kebab form). Codes are never reused.
 */
export const bugTrackerErrorCodes = {
  // --- thrown at start ---
  TRACKER_ENV_INVALID: 500,
  TRACKER_DATABASE_URL_INVALID: 500,
  TRACKER_DATABASE_UNAVAILABLE: 503,
  TRACKER_SCHEMA_TOO_NEW: 500,
  // --- answered to HubSpot or to a browser ---
  TRACKER_ISSUE_NOT_FOUND: 404,
  TRACKER_RECIPIENT_NOT_FOUND: 404,
  TRACKER_PAGE_NOT_FOUND: 404,
  TRACKER_FORM_INVALID: 400,
  TRACKER_CURSOR_INVALID: 400,
  TRACKER_LINK_INVALID: 403,
  TRACKER_INTERNAL_ERROR: 500,
  // --- the install through HubSpot's OAuth (/oauth/install, /oauth/callback) ---
  TRACKER_OAUTH_NOT_CONFIGURED: 503,
  TRACKER_OAUTH_STATE_INVALID: 400,
  TRACKER_OAUTH_DENIED: 403,
  TRACKER_OAUTH_EXCHANGE_FAILED: 502,
  // --- logged, never answered: calls to HubSpot's API ---
  TRACKER_HUBSPOT_UNINSTALLED: 401,
  TRACKER_WRITE_BACK_FAILED: 502,
} as const;

export type BugTrackerErrorCode = keyof typeof bugTrackerErrorCodes;

/** Link to the row that explains a code. */
export function errorDocUrl(code: string): string {
  return `docs/errors.md#${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The one error class of the example: carries a registered `code` and its HTTP `status`. */
export class BugTrackerError extends Error {
  readonly code: BugTrackerErrorCode;
  readonly status: number;
  constructor(code: BugTrackerErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[bug-tracker] ${message} See ${errorDocUrl(code)}`, options);
    this.name = 'BugTrackerError';
    this.code = code;
    this.status = bugTrackerErrorCodes[code];
  }
}
