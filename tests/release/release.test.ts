// The release check (docs/releasing.md): the five packages are packed from their built dist/,
// published to a throwaway verdaccio, and used the way a user uses them, from folders under
// os.tmpdir() (outside the repository, so nothing resolves to the workspace or its source).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { freePort } from '../helpers/free-port.ts';
import { consumerMjs, consumerTs, consumerTsconfigs, entryPoints } from './helpers/consumer-files.ts';
import {
  describeRun,
  type RunResult,
  repoRoot,
  run,
  startBackground,
  stopAllBackground,
} from './helpers/processes.ts';
import {
  makeTempDir,
  npmIn,
  type PackedTarball,
  packAll,
  publishAll,
  publishedPackages,
  type Registry,
  removeTempDir,
  startRegistry,
} from './helpers/registry.ts';

const installTimeoutMs = 150_000;
const thirdPartyDevDeps = [
  'typescript@~5.9.3',
  '@types/node@^20.19.0',
  'express@^5',
  '@types/express',
  'fastify@^5',
  'vitest@~4.1.12',
];
/** Flags for every install: the machine's npm cache first (npm ci filled it), no audit, no fund. */
const installFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'];

let registry: Registry | undefined;
let tarballs: PackedTarball[] = [];
let workDir: string | undefined;
const timings: Record<string, number> = {};
const fileStarted = Date.now();

function reg(): Registry {
  if (!registry) throw new Error('the registry did not start (see the beforeAll error)');
  return registry;
}

function work(): string {
  if (!workDir) throw new Error('no temp folder (see the beforeAll error)');
  return workDir;
}

async function timed<T>(label: string, body: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await body();
  } finally {
    timings[label] = Date.now() - started;
  }
}

function expectExit0(result: RunResult): void {
  expect(result.code, describeRun(result)).toBe(0);
}

function tarball(name: string): PackedTarball {
  const found = tarballs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} was not packed`);
  return found;
}

beforeAll(async () => {
  workDir = makeTempDir('work');
  tarballs = await timed('pack', () => packAll(join(work(), 'tarballs')));
  registry = await timed('registry start', () => startRegistry());
  await timed('publish', () => publishAll(reg(), tarballs));
}, 120_000);

afterAll(async () => {
  await stopAllBackground();
  await registry?.stop();
  removeTempDir(workDir);
  const total = Date.now() - fileStarted;
  console.log(`release check timings (ms): ${JSON.stringify({ ...timings, total })}`);
}, 30_000);

// --- the consumer project: installed once, shared by the tests that need it ---

interface Consumer {
  dir: string;
}

let consumerSetup: Promise<Consumer> | undefined;

/** A fresh project outside the repository with the five packages and the usual dev tools installed. */
function consumer(): Promise<Consumer> {
  consumerSetup ??= timed('consumer install', async () => {
    const dir = join(work(), 'consumer');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'release-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
    );
    const specs = tarballs.map(({ name, version }) => `${name}@${version}`);
    const install = await npmIn(
      dir,
      ['install', ...specs, ...thirdPartyDevDeps, ...installFlags],
      reg().env(),
      installTimeoutMs,
    );
    if (install.code !== 0) throw new Error(`installing the packages failed:\n${describeRun(install)}`);
    return { dir };
  });
  return consumerSetup;
}

/** The packages a lockfile records must be the tarballs packed here, fetched from the local registry. */
function expectLockedFromRegistry(projectDir: string, names: readonly string[]): void {
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; resolved?: string; integrity?: string }>;
  };
  for (const name of names) {
    const entry = lock.packages[`node_modules/${name}`];
    const packed = tarball(name);
    expect(entry, `${name} is not in ${projectDir}/package-lock.json`).not.toBeUndefined();
    expect(entry?.resolved ?? '', `${name} was not fetched from the local registry`).toMatch(
      new RegExp(`^${reg().url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(
      entry?.integrity,
      `${name}: the installed tarball is not the one packed by this run (a stale npm cache entry?)`,
    ).toBe(packed.integrity);
  }
}

describe('release check', () => {
  test('each tarball holds dist (ESM .js, .d.ts, source maps), README, LICENSE, package.json and no tests; sizes recorded', () => {
    const sizes: Record<
      string,
      { version: string; tarballBytes: number; unpackedBytes: number; files: number }
    > = {};
    const problems: string[] = [];
    for (const packed of tarballs) {
      const files = new Set(packed.files);
      const manifest = JSON.parse(readFileSync(join(packed.packageDir, 'package.json'), 'utf8')) as {
        type?: string;
        exports?: Record<string, Record<string, string>>;
        bin?: Record<string, string>;
      };
      const say = (problem: string) => problems.push(`${packed.name}: ${problem}`);
      for (const required of ['package.json', 'README.md', 'LICENSE']) {
        if (!files.has(required)) say(`no ${required}`);
      }
      if (manifest.type !== 'module') say(`package.json "type" is ${manifest.type}, not "module" (ESM only)`);
      for (const suffix of ['.js', '.d.ts', '.js.map', '.d.ts.map']) {
        if (!packed.files.some((file) => file.startsWith('dist/') && file.endsWith(suffix))) {
          say(`no dist/**/*${suffix}`);
        }
      }
      for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
        for (const condition of ['types', 'default']) {
          const target = conditions[condition]?.replace(/^\.\//, '');
          if (!target || !files.has(target))
            say(`exports["${subpath}"].${condition} (${target}) is not in the tarball`);
        }
      }
      for (const [bin, target] of Object.entries(manifest.bin ?? {})) {
        if (!files.has(target.replace(/^\.\//, ''))) say(`bin ${bin} (${target}) is not in the tarball`);
      }
      // create-spoke's templates/ is the generated project (with its own tests and tsconfig.json)
      const unwanted = packed.files.filter(
        (file) =>
          !file.startsWith('templates/') &&
          (/\.test\.tsx?$/.test(file) ||
            /(^|\/)tests?\//.test(file) ||
            file.endsWith('.tsbuildinfo') ||
            /(^|\/)tsconfig(\.[\w-]+)?\.json$/.test(file)),
      );
      // tsconfig.build.json is how the bins recognise a clone (decision 0001): it must never ship
      if (unwanted.length > 0) say(`ships ${unwanted.join(', ')}`);
      sizes[packed.name] = {
        version: packed.version,
        tarballBytes: packed.bytes,
        unpackedBytes: packed.unpackedBytes,
        files: packed.files.length,
      };
    }
    if (!tarball('@spoke/emulator').files.includes('dist/ui/app/index.html')) {
      problems.push('@spoke/emulator: no dist/ui/app/index.html (the bundled web UI, decision 0008)');
    }
    const sizesDir = join(repoRoot, '.spoke/release');
    mkdirSync(sizesDir, { recursive: true });
    writeFileSync(
      join(sizesDir, 'sizes.json'),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), packages: sizes }, null, 2)}\n`,
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('publint --strict and attw (esm-only) pass on every tarball', async () => {
    const results = await timed('publint + attw', async () => {
      const checks = tarballs.flatMap((packed) => [
        () =>
          run(join(repoRoot, 'node_modules/.bin/publint'), ['run', packed.file, '--strict'], {
            cwd: work(),
            env: reg().env(),
            timeoutMs: 60_000,
          }),
        () =>
          run(
            join(repoRoot, 'node_modules/.bin/attw'),
            [packed.file, '--profile', 'esm-only', '--no-color', '--no-emoji', '--no-definitely-typed'],
            { cwd: work(), env: reg().env(), timeoutMs: 60_000 },
          ),
      ]);
      // two at a time: one per core
      const done: RunResult[] = [];
      for (let i = 0; i < checks.length; i += 2) {
        done.push(...(await Promise.all(checks.slice(i, i + 2).map((check) => check()))));
      }
      return done;
    });
    const failures = results.filter((result) => result.code !== 0);
    expect(failures.map(describeRun).join('\n\n')).toBe('');
  }, 120_000);

  test('a consumer installs the packages from the registry; its tsc accepts every entry point under nodenext and bundler; plain node runs them; npx spoke --version', async () => {
    const { dir } = await consumer();
    expectLockedFromRegistry(
      dir,
      publishedPackages.map(({ name }) => name),
    );
    writeFileSync(join(dir, 'consumer.ts'), consumerTs);
    writeFileSync(join(dir, 'consumer.mjs'), consumerMjs);
    for (const [file, config] of Object.entries(consumerTsconfigs)) {
      writeFileSync(join(dir, file), `${JSON.stringify(config, null, 2)}\n`);
    }
    const env = reg().env();
    const tsc = join(dir, 'node_modules/.bin/tsc');
    const [nodenext, bundler] = await timed('consumer tsc x2', () =>
      Promise.all(
        Object.keys(consumerTsconfigs).map((file) =>
          run(tsc, ['-p', file, '--pretty', 'false'], { cwd: dir, env, timeoutMs: 90_000 }),
        ),
      ),
    );
    expectExit0(nodenext!);
    expectExit0(bundler!);

    const plain = await run(process.execPath, ['consumer.mjs'], { cwd: dir, env, timeoutMs: 30_000 });
    expectExit0(plain);
    expect(plain.stdout, describeRun(plain)).toContain(`plain node ran ${entryPoints.length} entry points`);

    const version = await run('npx', ['spoke', '--version'], { cwd: dir, env, timeoutMs: 30_000 });
    expectExit0(version);
    expect(version.stdout.trim(), describeRun(version)).toBe(tarball('@spoke/cli').version);
  }, 240_000);

  test('npm create spoke@latest makes a project whose npm test, spoke check and npm run check pass', async () => {
    const parent = join(work(), 'create');
    mkdirSync(parent, { recursive: true });
    // create-spoke has no dependencies; a cache of its own keeps npm exec's _npx folder (keyed by
    // the spec, not the registry) from reusing a create-spoke installed by an earlier run
    const createEnv = reg().env({ npm_config_cache: join(parent, '.npm-cache') });
    const created = await timed('npm create', () =>
      npmIn(parent, ['create', '--yes', 'spoke@latest', 'my-app', '--', '--no-install'], createEnv, 90_000),
    );
    expectExit0(created);
    const app = join(parent, 'my-app');
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const version = tarball('@spoke/framework').version;
    expect(pkg.dependencies?.['@spoke/framework'], 'the generated project depends on this framework').toMatch(
      new RegExp(`^\\^?${version.replace(/\./g, '\\.')}$`),
    );
    expect(Object.keys(pkg.scripts ?? {}).sort()).toEqual(
      expect.arrayContaining(['build', 'check', 'dev', 'start', 'test']),
    );

    const env = reg().env();
    const install = await timed('my-app install', () =>
      npmIn(app, ['install', ...installFlags], env, installTimeoutMs),
    );
    expectExit0(install);
    expectLockedFromRegistry(app, ['@spoke/framework', '@spoke/protocol', '@spoke/cli', '@spoke/emulator']);

    const tested = await timed('my-app npm test', () => npmIn(app, ['test'], env, 120_000));
    expectExit0(tested);

    const secret = 'release-check-secret';
    const port = await freePort();
    const service = startBackground('npm', ['start'], {
      cwd: app,
      env: reg().env({ HUBSPOT_CLIENT_SECRET: secret, PORT: String(port), HOST: '127.0.0.1' }),
    });
    try {
      const [, url] = await service.waitFor(/listening on (http:\/\/\S+)/, 30_000);
      const check = await run(
        join(app, 'node_modules/.bin/spoke'),
        ['check', `${url}/hubspot/card`, '--secret', secret, '--kind', 'card'],
        { cwd: app, env, timeoutMs: 60_000 },
      );
      expect(check.code, `${describeRun(check)}\n--- service output ---\n${service.output()}`).toBe(0);
    } finally {
      await service.stop();
    }

    const readme = readFileSync(join(app, 'README.md'), 'utf8');
    expect(readme, 'the generated README says to run npm run check').toContain('npm run check');
    const checkAll = await timed('my-app npm run check', () => npmIn(app, ['run', 'check'], env, 120_000));
    expectExit0(checkAll);
  }, 360_000);

  test('the installed spoke emulator serves the bundled web UI: Chromium shows the shell and a record page', async (context) => {
    const { dir } = await consumer();
    const emulator = startBackground(
      join(dir, 'node_modules/.bin/spoke'),
      ['emulator', '--port', '0', '--memory'],
      {
        cwd: dir,
        env: reg().env(),
      },
    );
    let browser: Browser | undefined;
    try {
      const [, url] = await emulator.waitFor(/Spoke emulator ready at (http:\/\/\S+)/, 30_000);
      await emulator.waitFor(/Press Ctrl-C to stop/, 5_000);
      expect(emulator.output(), 'the installed emulator found its bundled UI').not.toContain(
        'no UI build in this copy',
      );

      const contacts = (await (await fetch(`${url}/_spoke/records/contacts`)).json()) as {
        results: { id: string; properties: Record<string, string | null> }[];
      };
      const contact = contacts.results[0];
      if (!contact) throw new Error(`the emulator has no contacts: ${JSON.stringify(contacts)}`);
      const name = `${contact.properties.firstname ?? ''} ${contact.properties.lastname ?? ''}`.trim();
      expect(name, `contact ${contact.id} has a first or last name`).not.toBe('');

      try {
        browser = await launchChromium();
      } catch (error) {
        const reason = `Chromium is not available, so the web UI was not opened: ${error instanceof Error ? error.message : String(error)}`;
        console.warn(`SKIPPED: ${reason}`);
        context.skip(reason);
        return;
      }
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${url}/`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Records' }).waitFor();
      expect(await nav.textContent()).toContain('Inspector');
      expect(await page.locator('#no-ui').count(), 'the fallback page (no UI in this copy) was served').toBe(
        0,
      );

      await page.goto('about:blank');
      await page.goto(`${url}/#/records/contacts/${contact.id}`);
      const heading = page.locator('h1.record-name');
      await heading.getByText(name, { exact: true }).waitFor();
      expect(await heading.textContent()).toBe(name);
    } finally {
      await browser?.close();
      await emulator.stop();
    }
  }, 120_000);
});
