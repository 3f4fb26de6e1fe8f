import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiRoot = fileURLToPath(new URL('../../packages/emulator-ui/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Where the built UI lands; pass it to `createEmulator({ uiDir })`. */
export const uiDist = join(uiRoot, 'dist');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isFresh(): boolean {
  const built = mtime(join(uiDist, 'index.html'));
  if (built === 0) return false;
  const sources = Math.max(
    newest(join(uiRoot, 'src')),
    mtime(join(uiRoot, 'index.html')),
    mtime(join(uiRoot, 'vite.config.ts')),
  );
  return built >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds packages/emulator-ui into dist/ when dist is missing or older than the sources, so a
 * clean clone's `npm test` works. A lock directory keeps parallel test files from building twice.
 */
export function ensureUiBuilt(): string {
  if (isFresh()) return uiDist;
  const lock = join(
    tmpdir(),
    `spoke-ui-build-${createHash('sha256').update(uiRoot).digest('hex').slice(0, 12)}`,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building: wait for it, then use its result. A stale lock (> 2 min) is taken over.
      if (Date.now() - mtime(lock) > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}; remove it and run again`);
      sleep(200);
      if (isFresh()) return uiDist;
    }
  }
  try {
    if (!isFresh()) {
      execFileSync(
        process.execPath,
        [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        {
          cwd: uiRoot,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return uiDist;
}
