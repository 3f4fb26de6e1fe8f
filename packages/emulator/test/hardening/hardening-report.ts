import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/emulator/test/hardening/). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Writes a hardening result to `.spoke/hardening/<name>.json` at the repository root, where
 * docs/reliability.md reads its numbers from. The directory is git-ignored.
 */
export function writeHardeningReport(name: string, report: unknown): string {
  const dir = join(repoRoot, '.spoke', 'hardening');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Milliseconds since `start`, rounded to a tenth. */
export function msSince(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
