/**
 * Error codes raised by create-spoke, with an HTTP-like status (400 = a usage error: fix the
 * command line; 409 = the target folder is in the way; 403 = it cannot be written; 499 = the user
 * cancelled at a prompt; 500/502 = a broken package or a failed install). Each has a row in
 * docs/errors.md. A 400 exits 2, everything else exits 1. Codes are never reused.
 */
export const createSpokeErrorCodes = {
  CREATE_OPTION_INVALID: 400,
  CREATE_DIR_MISSING: 400,
  CREATE_TEMPLATE_UNKNOWN: 400,
  CREATE_TARGET_NOT_EMPTY: 409,
  CREATE_TARGET_NOT_DIRECTORY: 409,
  CREATE_TARGET_UNWRITABLE: 403,
  CREATE_TEMPLATE_MISSING: 500,
  CREATE_INSTALL_FAILED: 502,
  CREATE_CANCELLED: 499,
} as const;

export type CreateSpokeErrorCode = keyof typeof createSpokeErrorCodes;

/** Exit code of the `create-spoke` process: 0 created, 1 refused or failed, 2 usage error. */
export type ExitCode = 0 | 1 | 2;

/** The one error class of create-spoke: a registered `code`, its `status` and the process `exitCode`. */
export class CreateSpokeError extends Error {
  readonly code: CreateSpokeErrorCode;
  readonly status: number;
  readonly exitCode: ExitCode;
  constructor(code: CreateSpokeErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[create-spoke] ${message}`, options);
    this.name = 'CreateSpokeError';
    this.code = code;
    this.status = createSpokeErrorCodes[code];
    this.exitCode = this.status === 400 ? 2 : 1;
  }
}
