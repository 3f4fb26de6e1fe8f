/**
 * Error codes raised by @spoke/protocol. Each has a row in docs/errors.md
 * (anchor: the code in lower-case kebab form); a test keeps both equal.
 * Codes are never reused.
 */
export const protocolErrorCodes = {
  SIGNATURE_MISSING: 401,
  SIGNATURE_MISMATCH: 401,
  SIGNATURE_TIMESTAMP_MISSING: 401,
  SIGNATURE_TIMESTAMP_INVALID: 401,
  SIGNATURE_TIMESTAMP_STALE: 401,
  SIGNATURE_TIMESTAMP_FUTURE: 401,
  SIGNATURE_VERSION_UNSUPPORTED: 401,
  SIGNATURE_V3_REQUIRED: 401,
  SIGNATURE_VERSION_REFUSED: 401,
  SIGNATURE_V1_EMPTY_BODY: 401,
  SIGNATURE_SECRET_MISSING: 500,
  MESSAGE_KIND_UNKNOWN: 500,
} as const;

export type ProtocolErrorCode = keyof typeof protocolErrorCodes;

/** Link to the row that explains a code. */
export function errorDocUrl(code: string): string {
  return `docs/errors.md#${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The one error class of @spoke/protocol: carries a registered `code` and its HTTP `status`. */
export class SpokeProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly status: number;
  constructor(code: ProtocolErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[spoke] ${message} See ${errorDocUrl(code)}`, options);
    this.name = 'SpokeProtocolError';
    this.code = code;
    this.status = protocolErrorCodes[code];
  }
}
