/** Where the emulator writes what it has to say. Any object with these four methods works (pino, console…). */
export interface EmulatorLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** A logger that drops everything: the default, so tests and embedding stay quiet. */
export const silentLogger: EmulatorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
