import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';

/** A request body given on the command line, as raw bytes plus where it came from. */
export interface BodyOption {
  bytes: Buffer;
  from: 'none' | 'text' | 'file' | 'stdin';
  /** Absolute path, when `from` is `file`. */
  path?: string;
}

/**
 * Reads `--body`: `@path` reads a file's raw bytes, `-` reads stdin, `@@text` is the literal
 * `@text`, anything else is the body itself (UTF-8). Absent means an empty body.
 */
export async function readBodyOption(
  value: string | undefined,
  io: Pick<CliIo, 'cwd' | 'readStdin'>,
): Promise<BodyOption> {
  if (value === undefined || value === '') return { bytes: Buffer.alloc(0), from: 'none' };
  if (value === '-') return { bytes: await io.readStdin(), from: 'stdin' };
  if (value.startsWith('@@')) return { bytes: Buffer.from(value.slice(1), 'utf8'), from: 'text' };
  if (value.startsWith('@')) {
    const path = resolve(io.cwd, value.slice(1));
    try {
      return { bytes: await readFile(path), from: 'file', path };
    } catch (cause) {
      throw new SpokeCliError(
        'CLI_FILE_UNREADABLE',
        `cannot read the body file ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Check the path after '@', or pass the body inline or on stdin with --body -.`,
        { cause },
      );
    }
  }
  return { bytes: Buffer.from(value, 'utf8'), from: 'text' };
}
