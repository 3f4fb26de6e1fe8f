import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import type { ExitCode } from './errors.ts';
import type { CliIo } from './output/cli-io.ts';
import { checkCommand } from './registry/check.ts';
import { devCommand } from './registry/dev.ts';
import { emulatorCommand } from './registry/emulator.ts';
import { installCommand } from './registry/install.ts';
import { pullCommand } from './registry/pull.ts';
import { pushCommand } from './registry/push.ts';
import { schemaCommand } from './registry/schema.ts';
import { signCommand } from './registry/sign.ts';
import { triggerCommand } from './registry/trigger.ts';
import { uninstallCommand } from './registry/uninstall.ts';
import { verifyCommand } from './registry/verify.ts';

/**
 * Every `spoke` command, one factory per file in src/registry/ (name, options, help), each loading
 * its implementation (src/commands/, src/trigger/) only when it runs. Add new commands here.
 */
export const commandFactories: readonly ((io: CliIo) => Command)[] = [
  emulatorCommand,
  triggerCommand,
  checkCommand,
  signCommand,
  verifyCommand,
  schemaCommand,
  pushCommand,
  pullCommand,
  devCommand,
  installCommand,
  uninstallCommand,
];

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

// Usage errors must exit 2 and print to the injected io, at every depth of subcommand.
function configure(command: Command, io: CliIo): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  for (const sub of command.commands) configure(sub, io);
}

/** Builds the `spoke` program with every command registered. */
export function createProgram(io: CliIo): Command {
  const program = new Command('spoke')
    .version(version, '-V, --version', 'print the spoke version')
    .description(
      'Build and test HubSpot public-app extensions: run a local HubSpot (emulator), send signed platform calls (trigger), check a service for conformance, sign and verify requests, push app config.',
    )
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)');
  for (const factory of commandFactories) program.addCommand(factory(io));
  configure(program, io);
  return program;
}

/**
 * Runs `spoke` with `argv` (as `process.argv`: node, script, args…) and returns the exit code:
 * 0 ok, 1 a check or remote call failed, 2 a usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const code = Number(process.exitCode ?? 0);
  return code === 0 || code === 1 || code === 2 ? code : 1;
}
