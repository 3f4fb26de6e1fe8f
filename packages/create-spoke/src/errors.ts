/**
 * Error codes raised by create-spoke, each with the exit code it ends the process with:
 * 2 = a usage error (fix the command line), 1 = refused or failed. Codes are never reused.
 */
export const createSpokeErrorCodes = {
  CREATE_OPTION_INVALID: 2,
  CREATE_DIR_MISSING: 2,
  CREATE_TEMPLATE_UNKNOWN: 2,
  CREATE_TARGET_NOT_EMPTY: 1,
  CREATE_TARGET_NOT_DIRECTORY: 1,
  CREATE_TARGET_UNWRITABLE: 1,
  CREATE_TEMPLATE_MISSING: 1,
  CREATE_INSTALL_FAILED: 1,
  CREATE_CANCELLED: 1,
} as const;

export type CreateSpokeErrorCode = keyof typeof createSpokeErrorCodes;

/** Exit code of the `create-spoke` process: 0 created, 1 refused or failed, 2 usage error. */
export type ExitCode = 0 | 1 | 2;

/** The one error class of create-spoke: a registered `code` and the process `exitCode`. */
export class CreateSpokeError extends Error {
  readonly code: CreateSpokeErrorCode;
  readonly exitCode: ExitCode;
  constructor(code: CreateSpokeErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[create-spoke] ${message}`, options);
    this.name = 'CreateSpokeError';
    this.code = code;
    this.exitCode = createSpokeErrorCodes[code];
  }
}
