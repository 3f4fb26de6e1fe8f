import { readFileSync } from 'node:fs';

/**
 * create-spoke's own version, read from its package.json at run time. `@spoke/*` versions move
 * in lockstep, so a generated project depends on `^<this version>`.
 */
export function readOwnVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error('[create-spoke] its package.json has no version');
  return manifest.version;
}
