import type { ExitCode } from '../errors.ts';
import type { CliIo } from './cli-io.ts';
import { reportError } from './report-error.ts';

/**
 * Runs a command's body and turns its outcome into the process exit code (the worst one seen
 * wins). Errors are printed by {@link reportError}; nothing is thrown at commander.
 */
export async function runCommand(io: CliIo, json: boolean, body: () => Promise<ExitCode>): Promise<void> {
  let code: ExitCode;
  try {
    code = await body();
  } catch (error) {
    code = reportError(io, error, json);
  }
  if (code > (process.exitCode === undefined ? 0 : Number(process.exitCode))) process.exitCode = code;
}
