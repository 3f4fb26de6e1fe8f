// Entry point of the `create-spoke` bin: runs the CLI on this process's arguments.
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: process.stdin.isTTY === true,
  cwd: process.cwd(),
});
