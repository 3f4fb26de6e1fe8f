import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hookMethodSchema, limits, platformModeSchema } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { hookMethods, platformModes, totalDeadlineMs } from '../src/registry/protocol-choices.ts';
import { runProcess, spokeBin } from './helpers/run-spoke.ts';

// Registering the commands stays cheap: `spoke --help` loads commander and src/registry/ only,
// and each command's implementation (with the emulator, libsql, zod and every schema) is
// imported by its action.

describe('command registry', () => {
  test("shows the protocol's own choices and deadline in help", () => {
    expect(platformModes).toEqual(platformModeSchema.options);
    expect(hookMethods).toEqual(hookMethodSchema.options);
    expect(totalDeadlineMs).toBe(limits.totalDeadlineMs);
  });

  test('spoke --help loads no command implementation, protocol schemas or emulator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spoke-loads-'));
    try {
      // A module hook that names every module the CLI process loads.
      await writeFile(
        join(dir, 'hooks.mjs'),
        "export async function load(url, context, next) { process.stderr.write('LOAD ' + url + '\\n'); return next(url, context); }\n",
      );
      await writeFile(
        join(dir, 'register.mjs'),
        "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
      );
      const register = pathToFileURL(join(dir, 'register.mjs')).href;
      const result = await runProcess(process.execPath, ['--import', register, spokeBin, '--help'], {
        cwd: dir,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: spoke');
      const loaded = result.stderr
        .split('\n')
        .filter((line) => line.startsWith('LOAD '))
        .map((line) => line.slice('LOAD '.length));
      // The hook did see the CLI's own modules, so an empty list below means something.
      expect(loaded.filter((url) => url.includes('/packages/cli/src/registry/')).length).toBeGreaterThan(5);
      const heavy = loaded.filter((url) =>
        /\/packages\/(protocol|emulator|framework)\/|\/node_modules\/(zod|@libsql|hono)\/|\/packages\/cli\/src\/(commands|trigger|signing|config\/config-schema)/.test(
          url,
        ),
      );
      expect(heavy).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
