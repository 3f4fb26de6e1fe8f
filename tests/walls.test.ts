import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

// The walls between the packages (.dependency-cruiser.json), enforced by dependency-cruiser on the
// real tree, and proven able to fail on a planted tree that breaks each rule once.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = join(root, '.dependency-cruiser.json');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

interface CruisedModule {
  source: string;
  dependencies: { module: string; dependencyTypes: string[] }[];
}

interface CruiseResult {
  modules: CruisedModule[];
  summary: { violations: Violation[]; totalCruised: number };
}

async function cruise(cwd: string, paths: string[]): Promise<CruiseResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [depcruise, ...paths, '--config', config, '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    // depcruise exits non-zero when it finds violations; the JSON is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw new Error(`dependency-cruiser failed: ${error.stderr ?? String(error)}`);
  });
  const result = JSON.parse(stdout) as CruiseResult;
  expect(result.summary.totalCruised).toBeGreaterThan(0);
  return result;
}

type Deps = Record<string, string> | undefined;
interface Manifest {
  name: string;
  dependencies?: Deps;
  devDependencies?: Deps;
  peerDependencies?: Deps;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The packages a workspace's code imports by name but its package.json does not declare. */
function undeclaredImports(modules: CruisedModule[]): string[] {
  const missing: string[] = [];
  for (const mod of modules) {
    const workspace = /^((?:packages|examples)\/[^/]+)\/src\//.exec(mod.source)?.[1];
    if (!workspace || /\.test\.tsx?$/.test(mod.source)) continue;
    const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as Manifest;
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const dep of mod.dependencies) {
      if (dep.module.startsWith('.') || dep.dependencyTypes.includes('core')) continue;
      const name = packageName(dep.module);
      if (!declared.has(name))
        missing.push(`${mod.source} imports ${name}, not in ${workspace}/package.json`);
    }
  }
  return missing;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('package walls', () => {
  test('the repository crosses no wall', async () => {
    const { modules, summary } = await cruise(root, ['packages', 'examples', 'tests', 'bench', 'tools']);
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    // Each workspace declares what its code imports, so it resolves when installed on its own
    // (the web UI's type imports from @spoke/emulator included).
    expect(undeclaredImports(modules)).toEqual([]);
    expect(modules.some((m) => m.source.startsWith('packages/emulator-ui/src/'))).toBe(true);
  }, 60_000);

  test('an import a workspace does not declare is found', () => {
    const planted: CruisedModule = {
      source: 'packages/emulator-ui/src/api/types.ts',
      dependencies: [
        { module: '@spoke/framework/testing', dependencyTypes: ['aliased-workspace'] },
        { module: '@spoke/emulator', dependencyTypes: ['aliased-workspace'] },
        { module: 'node:fs', dependencyTypes: ['core'] },
      ],
    };
    expect(undeclaredImports([planted])).toEqual([
      'packages/emulator-ui/src/api/types.ts imports @spoke/framework, not in packages/emulator-ui/package.json',
    ]);
  });

  test('each rule fires on a tree that breaks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-walls-'));
    scratch.push(dir);
    const files: Record<string, string> = {
      'tsconfig.json': '{}',
      'packages/protocol/src/index.ts': 'export const wire = 1;\n',
      'packages/framework/src/index.ts': 'export const app = 1;\n',
      'packages/emulator/src/index.ts': 'export const emulator = 1;\n',
      'packages/cli/src/index.ts': 'export const cli = 1;\n',
      'bench/lib/fixture.ts': 'export const fixture = 1;\n',
      // Each file below breaks the rules named in `expected`.
      'packages/protocol/src/leak.ts':
        "import { emulator } from '../../emulator/src/index.ts';\nexport const x = emulator;\n",
      'packages/framework/src/leak.ts':
        "import { cli } from '../../cli/src/index.ts';\nexport const x = cli;\n",
      'packages/emulator/test/leak.test.ts':
        "import { app } from '../../framework/src/index.ts';\nexport const x = app;\n",
      'packages/emulator/src/leak.ts':
        "import { cli } from '../../cli/src/index.ts';\nexport const x = cli;\n",
      'packages/emulator-ui/src/leak.ts':
        "import { wire } from '../../protocol/src/index.ts';\nexport const x = wire;\n",
      'packages/emulator-ui/src/cli-leak.ts':
        "import type { cli } from '../../cli/src/index.ts';\nexport type X = typeof cli;\n",
      'packages/cli/src/leak.ts':
        "import { app } from '../../framework/src/index.ts';\nexport const x = app;\n",
      'packages/create-spoke/src/leak.ts':
        "import { wire } from '../../protocol/src/index.ts';\nexport const x = wire;\n",
      'packages/protocol/test/leak.test.ts':
        "import { fixture } from '../../../bench/lib/fixture.ts';\nexport const x = fixture;\n",
      'examples/app/src/leak.ts':
        "import { app } from '../../../packages/framework/src/index.ts';\nexport const x = app;\n",
      'tests/missing.ts': "import { nothing } from './not-there.ts';\nexport const x = nothing;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const fired = new Map<string, Set<string>>();
    for (const v of (await cruise(dir, ['packages', 'examples', 'tests', 'bench'])).summary.violations) {
      fired.set(v.from, (fired.get(v.from) ?? new Set()).add(v.rule.name));
    }
    const expected: Record<string, string[]> = {
      'packages/protocol/src/leak.ts': ['protocol-stands-alone', 'packages-by-name-only'],
      'packages/framework/src/leak.ts': ['framework-only-protocol', 'packages-by-name-only'],
      'packages/emulator/test/leak.test.ts': ['emulator-never-framework', 'packages-by-name-only'],
      'packages/emulator/src/leak.ts': ['emulator-only-protocol', 'packages-by-name-only'],
      'packages/emulator-ui/src/leak.ts': ['ui-types-only', 'packages-by-name-only'],
      'packages/emulator-ui/src/cli-leak.ts': ['ui-no-other-package', 'packages-by-name-only'],
      'packages/cli/src/leak.ts': ['cli-no-framework', 'packages-by-name-only'],
      'packages/create-spoke/src/leak.ts': ['create-spoke-stands-alone', 'packages-by-name-only'],
      'packages/protocol/test/leak.test.ts': ['packages-never-bench'],
      'examples/app/src/leak.ts': ['outside-uses-public-entries'],
      'tests/missing.ts': ['no-unresolvable'],
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((from) => [from, [...(fired.get(from) ?? [])].sort()]),
    );
    expect(actual).toEqual(
      Object.fromEntries(Object.entries(expected).map(([from, rules]) => [from, rules.sort()])),
    );
    // Every rule in the config is exercised by some planted file.
    const rules = (
      JSON.parse(readFileSync(config, 'utf8')) as { forbidden: { name: string }[] }
    ).forbidden.map((r) => r.name);
    expect(new Set(Object.values(expected).flat())).toEqual(new Set(rules));
  }, 60_000);
});
