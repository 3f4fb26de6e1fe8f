import type { CliIo } from './cli-io.ts';

/** Writes one JSON document to stdout: what every `--json` flag prints. */
export function writeJson(io: Pick<CliIo, 'stdout'>, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
