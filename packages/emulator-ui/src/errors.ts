/**
 * Error codes of @spoke/emulator-ui, with the HTTP status they stand for. Each has a row in
 * docs/errors.md. The UI shows these next to what failed; it never throws them at the user.
 */
export const uiErrorCodes = {
  /** The emulator did not answer (stopped, wrong port). */
  UI_EMULATOR_UNREACHABLE: 503,
  /** The emulator's control API answered an error. */
  UI_API_REQUEST_FAILED: 502,
  /** An IFRAME action pointed at the emulator's own origin; the modal refuses to load it. */
  UI_IFRAME_SAME_ORIGIN: 403,
} as const;

export type UiErrorCode = keyof typeof uiErrorCodes;

/** The one error class of the UI: a failed call to the emulator, with the emulator's message. */
export class SpokeUiError extends Error {
  readonly code: UiErrorCode;
  readonly status: number;
  /** The status the emulator answered, when it answered. */
  readonly replyStatus: number | null;
  constructor(code: UiErrorCode, message: string, options?: { cause?: unknown; replyStatus?: number }) {
    super(message, options);
    this.name = 'SpokeUiError';
    this.code = code;
    this.status = uiErrorCodes[code];
    this.replyStatus = options?.replyStatus ?? null;
  }
}
