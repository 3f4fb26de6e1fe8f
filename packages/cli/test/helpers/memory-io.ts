import type { CliIo } from '../../src/output/cli-io.ts';

/** A CliIo that records what commands print, for in-process tests. */
export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/** Builds an in-memory io; override any field (cwd, env, fetch, now, stdin). */
export function memoryIo(overrides: Partial<CliIo> & { stdin?: string | Buffer } = {}): MemoryIo {
  let out = '';
  let err = '';
  const { stdin, ...rest } = overrides;
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    readStdin: async () => Buffer.from(stdin ?? ''),
    env: {},
    cwd: process.cwd(),
    fetch: () => Promise.reject(new Error('no network in this test')),
    now: () => 1_700_000_000_000,
    ...rest,
    out: () => out,
    err: () => err,
  };
}
