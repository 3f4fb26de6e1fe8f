import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';

/**
 * The action of every command: loads the error reporting and, through `body`, the command's
 * implementation only when the command runs. `spoke --help` and a usage error then load neither
 * (the emulator, libsql, zod and every schema), which keeps them close to a bare Node start.
 */
export async function runLazily(io: CliIo, json: boolean, body: () => Promise<ExitCode>): Promise<void> {
  const { runCommand } = await import('../output/run-command.ts');
  await runCommand(io, json, body);
}
