import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledUiDir } from '@spoke/emulator';

/** The UI build of the `@spoke/emulator-ui` workspace: only a clone of the Spoke repository has one. */
function workspaceUiDir(): string | undefined {
  try {
    const pkg = fileURLToPath(import.meta.resolve('@spoke/emulator-ui/package.json'));
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The web UI `spoke emulator` and `spoke dev` serve: `--ui-dir` when given, else the UI bundled
 * in `@spoke/emulator` (every installed copy), else a clone's own UI build; undefined when none
 * exists (the emulator then serves a page that says how to get it).
 */
export function resolveUiDir(option: string | undefined, cwd: string): string | undefined {
  if (option !== undefined) return resolve(cwd, option);
  return bundledUiDir() ?? workspaceUiDir();
}
