import { SpokeProtocolError } from '@spoke/protocol';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from './cli-io.ts';
import { createColours } from './colours.ts';
import { writeJson } from './write-json.ts';

/**
 * Prints an error the way every command does (message and details on stderr; with `--json`
 * also `{ ok: false, error }` on stdout) and returns the exit code it calls for.
 */
export function reportError(
  io: Pick<CliIo, 'stdout' | 'stderr' | 'env'>,
  error: unknown,
  json = false,
): ExitCode {
  const colours = createColours({ stdout: io.stderr, env: io.env });
  const known = error instanceof SpokeCliError || error instanceof SpokeProtocolError;
  const code = known ? error.code : 'UNEXPECTED';
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof SpokeCliError ? error.details : [];
  io.stderr.write(`${colours.red(message)}\n`);
  for (const line of details) io.stderr.write(`  ${line}\n`);
  if (json) writeJson(io, { ok: false, error: { code, message, ...(details.length ? { details } : {}) } });
  if (error instanceof SpokeCliError) return error.exitCode;
  // A protocol error reaching the CLI comes from an argument (e.g. an unknown schema kind).
  if (error instanceof SpokeProtocolError) return 2;
  return 1;
}
