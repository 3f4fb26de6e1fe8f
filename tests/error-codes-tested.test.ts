import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { untestedCodes } from '../tools/untested-error-codes.ts';

// Every registered error code is produced by a test that names it (or the docs/errors.md row its
// message points to): a code no test produces is a promise nothing keeps.
const root = fileURLToPath(new URL('..', import.meta.url));

describe('error codes named by a test', () => {
  test('every code in every errors.ts of the packages and the example', () => {
    expect(untestedCodes(root)).toEqual([]);
  });

  describe('on a planted tree', () => {
    const planted = mkdtempSync(join(tmpdir(), 'spoke-planted-codes-'));
    afterAll(() => rmSync(planted, { recursive: true, force: true }));
    mkdirSync(join(planted, 'packages', 'demo', 'src'), { recursive: true });
    mkdirSync(join(planted, 'packages', 'demo', 'test'), { recursive: true });
    writeFileSync(
      join(planted, 'packages', 'demo', 'src', 'errors.ts'),
      'export const demoErrorCodes = {\n  DEMO_NAMED: 400,\n  DEMO_BY_ANCHOR: 409,\n  DEMO_FORGOTTEN: 500,\n} as const;\n',
    );
    writeFileSync(
      join(planted, 'packages', 'demo', 'test', 'demo.test.ts'),
      "expect(error.code).toBe('DEMO_NAMED');\nexpect(warning).toContain('docs/errors.md#demo-by-anchor');\n",
    );

    test('finds the code no test names, and only that one', () => {
      expect(untestedCodes(planted)).toEqual([
        { file: join('packages', 'demo', 'src', 'errors.ts'), code: 'DEMO_FORGOTTEN' },
      ]);
    });
  });
});
