// Entry point of the `spoke` bin: runs the CLI on this process's arguments.
import { createProcessIo } from './output/cli-io.ts';
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv, createProcessIo());
