// `npm run build`: every publishable package to dist/ (ESM, .d.ts, source maps) with `tsc -b`
// (docs/decisions/0007), and the web UI built by Vite and bundled into @spoke/emulator's dist/ui/app
// (docs/decisions/0008). Incremental: a second run only redoes what changed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);

function run(label: string, args: readonly string[], cwd = root): void {
  const started = Date.now();
  try {
    execFileSync(process.execPath, args, { cwd, stdio: 'inherit' });
  } catch {
    process.stderr.write(`[build] ${label} failed (output above)\n`);
    process.exit(1);
  }
  process.stdout.write(`[build] ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

run(
  'web UI',
  [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'],
  join(root, 'packages/emulator-ui'),
);
run('packages', [bin('typescript', 'bin/tsc'), '-b', 'tsconfig.build.json']);

const uiBuild = join(root, 'packages/emulator-ui/dist');
const uiTarget = join(root, 'packages/emulator/dist/ui/app');
if (!existsSync(join(uiBuild, 'index.html'))) throw new Error(`[build] ${uiBuild}/index.html is missing`);
rmSync(uiTarget, { recursive: true, force: true });
cpSync(uiBuild, uiTarget, { recursive: true });
process.stdout.write(`[build] web UI bundled into ${uiTarget}\n`);
