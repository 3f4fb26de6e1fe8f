/**
 * Error codes raised by @spoke/cli, with an HTTP-like status (400 = bad input, 404 = not
 * found, 502 = a remote refused or was unreachable). Each has a row in docs/errors.md
 * (anchor: the code in lower-case kebab form). Codes are never reused.
 */
export const cliErrorCodes = {
  CLI_OPTION_INVALID: 400,
  CLI_FILE_UNREADABLE: 400,
  CONFIG_NOT_FOUND: 404,
  CONFIG_NOT_JSON: 400,
  CONFIG_ENV_UNSET: 400,
  CONFIG_INVALID: 400,
  CONFIG_TOO_MANY_CARDS: 400,
  CONFIG_APP_ID_MISSING: 400,
  DEVELOPER_API_KEY_MISSING: 400,
  DEVELOPER_API_UNREACHABLE: 502,
  DEVELOPER_API_REFUSED: 502,
  DEVELOPER_API_REPLY_INVALID: 502,
  CLI_EMULATOR_UNREACHABLE: 502,
  CLI_EMULATOR_REFUSED: 502,
  DEV_SERVICE_EXITED: 500,
  DEV_PORT_IN_USE: 409,
  DEV_CONFIG_DELETED: 404,
  DEV_WATCH_FAILED: 500,
  INSTALL_APP_NOT_FOUND: 404,
  INSTALL_TIMEOUT: 408,
  INSTALL_STATE_MISMATCH: 400,
  INSTALL_DENIED: 403,
  INSTALL_CANCELLED: 499,
  UNINSTALL_NOT_INSTALLED: 404,
  UNINSTALL_PORTAL_REQUIRED: 400,
} as const;

export type CliErrorCode = keyof typeof cliErrorCodes;

/** Exit code of the `spoke` process: 0 success, 1 a check or remote call failed, 2 usage error. */
export type ExitCode = 0 | 1 | 2;

// Bad input the user can fix on the command line or in the config file exits 2; the rest exit 1.
const usageCodes: ReadonlySet<CliErrorCode> = new Set([
  'CLI_OPTION_INVALID',
  'CLI_FILE_UNREADABLE',
  'CONFIG_NOT_FOUND',
  'CONFIG_NOT_JSON',
  'CONFIG_ENV_UNSET',
  'CONFIG_INVALID',
  'CONFIG_TOO_MANY_CARDS',
  'CONFIG_APP_ID_MISSING',
  'DEVELOPER_API_KEY_MISSING',
  'DEV_PORT_IN_USE',
  'UNINSTALL_PORTAL_REQUIRED',
]);

/** Link to the row that explains a code. */
export function errorDocUrl(code: string): string {
  return `docs/errors.md#${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The one error class of @spoke/cli: a registered `code`, its `status` and the process `exitCode`. */
export class SpokeCliError extends Error {
  readonly code: CliErrorCode;
  readonly status: number;
  readonly exitCode: ExitCode;
  /** Extra lines (schema issues, diff context) printed under the message. */
  readonly details: readonly string[];
  constructor(
    code: CliErrorCode,
    message: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(`[spoke] ${message} See ${errorDocUrl(code)}`, options);
    this.name = 'SpokeCliError';
    this.code = code;
    this.status = cliErrorCodes[code];
    this.exitCode = usageCodes.has(code) ? 2 : 1;
    this.details = options?.details ?? [];
  }
}
