import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../helpers/free-port.ts';
import {
  type Background,
  describeRun,
  type RunResult,
  repoRoot,
  run,
  startBackground,
  userEnv,
} from './processes.ts';

/** The five published packages, in dependency order, and where each lives in the repository. */
export const publishedPackages = [
  { name: '@spoke/protocol', dir: 'packages/protocol' },
  { name: '@spoke/framework', dir: 'packages/framework' },
  { name: '@spoke/emulator', dir: 'packages/emulator' },
  { name: '@spoke/cli', dir: 'packages/cli' },
  { name: 'create-spoke', dir: 'packages/create-spoke' },
] as const;

export type PublishedName = (typeof publishedPackages)[number]['name'];

/** A folder under os.tmpdir() (outside the repository); `removeTempDir` deletes it. */
export function makeTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `spoke-release-${label}-`));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export interface Registry {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The temp folder with verdaccio's config, storage and the throwaway `.npmrc`. */
  dir: string;
  /** The `.npmrc` children use instead of the user's: registry, fake token, no audit/fund. */
  userconfig: string;
  /** A user's environment with npm pointed at this registry (and nothing from `npm test`). */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** What verdaccio printed, for failure messages. */
  log(): string;
  /** Kills verdaccio, waits for it to exit, deletes the temp folder. */
  stop(): Promise<void>;
}

function verdaccioConfig(dir: string): string {
  const storage = join(dir, 'storage');
  return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, 'htpasswd'))}
    max_users: -1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    max_fails: 5
    fail_timeout: 1m
    cache: false
packages:
  '@spoke/*':
    access: $all
    publish: $all
    unpublish: $all
  'create-spoke':
    access: $all
    publish: $all
    unpublish: $all
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
web:
  enable: false
max_body_size: 100mb
server:
  keepAliveTimeout: 60
log: { type: stdout, format: pretty, level: warn }
`;
}

/**
 * Starts verdaccio 6.8.0 (the repository's node_modules) on a free 127.0.0.1 port with its storage
 * in a temp folder: the five Spoke packages are served only from that storage (nothing proxied, so
 * an install can only get what we published), every other package is proxied from npmjs.org.
 */
export async function startRegistry(options: { timeoutMs?: number } = {}): Promise<Registry> {
  const bin = join(repoRoot, 'node_modules/verdaccio/bin/verdaccio');
  if (!existsSync(bin))
    throw new Error(`verdaccio is not installed at ${bin}; run npm ci in the repository.`);
  const dir = makeTempDir('registry');
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, verdaccioConfig(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const userconfig = join(dir, '.npmrc');
  writeFileSync(
    userconfig,
    [
      `registry=${url}`,
      `//127.0.0.1:${port}/:_authToken=fake-release-check-token`,
      'audit=false',
      'fund=false',
      'update-notifier=false',
      'loglevel=warn',
      '',
    ].join('\n'),
  );
  const env = (extra: Record<string, string> = {}) =>
    userEnv({
      npm_config_registry: url,
      npm_config_userconfig: userconfig,
      npm_config_update_notifier: 'false',
      ...extra,
    });
  let verdaccio: Background | undefined;
  try {
    verdaccio = startBackground(
      process.execPath,
      [bin, '--config', configPath, '--listen', `127.0.0.1:${port}`],
      // verdaccio reads its config from the file; it gets no npm_* variables either
      { cwd: dir, env: userEnv() },
    );
    await waitForPing(url, verdaccio, options.timeoutMs ?? 30_000);
  } catch (error) {
    await verdaccio?.stop();
    removeTempDir(dir);
    throw error;
  }
  const started = verdaccio;
  return {
    url,
    dir,
    userconfig,
    env,
    log: () => started.output(),
    async stop() {
      await started.stop();
      removeTempDir(dir);
    },
  };
}

async function waitForPing(url: string, verdaccio: Background, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (verdaccio.child.exitCode !== null || verdaccio.child.signalCode !== null) {
      throw new Error(
        `verdaccio exited (${verdaccio.child.exitCode}) before answering:\n${verdaccio.output()}`,
      );
    }
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `answered ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    // verdaccio answers within about a second; poll until it does
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
  throw new Error(
    `verdaccio did not answer ${url}-/ping within ${timeoutMs} ms (${last}):\n${verdaccio.output()}`,
  );
}

/** Runs npm in `dir` with `env` (use `registry.env()`), bounded by `timeoutMs`. */
export function npmIn(
  dir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 180_000,
): Promise<RunResult> {
  return run('npm', args, { cwd: dir, env, timeoutMs });
}

/** Runs npm and throws with the command's output unless it exits 0. */
export async function npmOk(
  dir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<RunResult> {
  const result = await npmIn(dir, args, env, timeoutMs);
  if (result.code !== 0) throw new Error(describeRun(result));
  return result;
}

export interface PackedTarball {
  name: PublishedName;
  version: string;
  /** The package folder in the repository. */
  packageDir: string;
  /** The .tgz file. */
  file: string;
  /** The tarball's size on disk, in bytes. */
  bytes: number;
  unpackedBytes: number;
  /** sha512 SRI of the tarball, as npm records it in package-lock.json. */
  integrity: string;
  /** Paths inside the package (without the `package/` prefix). */
  files: string[];
}

interface NpmPackJson {
  name: string;
  version: string;
  filename: string;
  unpackedSize: number;
  integrity: string;
  files: { path: string }[];
}

/**
 * `npm pack` for the five packages into `destination`, from the built dist/ folders. Throws
 * saying to run `npm run build` when a package has no dist/.
 */
export async function packAll(destination: string): Promise<PackedTarball[]> {
  const missing = publishedPackages.filter(({ dir }) => !existsSync(join(repoRoot, dir, 'dist')));
  if (missing.length > 0) {
    throw new Error(
      `${missing.map(({ dir }) => `${dir}/dist`).join(', ')} missing: run \`npm run build\` first (npm test does).`,
    );
  }
  mkdirSync(destination, { recursive: true });
  const result = await run(
    'npm',
    [
      'pack',
      ...publishedPackages.flatMap(({ name }) => ['--workspace', name]),
      '--pack-destination',
      destination,
      '--json',
      '--ignore-scripts',
    ],
    { cwd: repoRoot, env: userEnv({ npm_config_loglevel: 'error' }), timeoutMs: 60_000 },
  );
  if (result.code !== 0) throw new Error(describeRun(result));
  const packed = JSON.parse(result.stdout) as NpmPackJson[];
  return publishedPackages.map(({ name, dir }) => {
    const entry = packed.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`npm pack did not report ${name}:\n${describeRun(result)}`);
    const file = join(destination, entry.filename);
    return {
      name,
      version: entry.version,
      packageDir: join(repoRoot, dir),
      file,
      bytes: statSync(file).size,
      unpackedBytes: entry.unpackedSize,
      integrity: entry.integrity,
      files: entry.files.map(({ path }) => path),
    };
  });
}

/**
 * Publishes each tarball to the registry with the throwaway token, then refreshes npm's cache
 * entries for them (`npm cache add --prefer-online`): installs use `--prefer-offline`, and a
 * packument cached by an earlier run on the same port would otherwise name an older tarball.
 */
export async function publishAll(registry: Registry, tarballs: readonly PackedTarball[]): Promise<void> {
  const env = registry.env();
  await Promise.all(
    tarballs.map((tarball) =>
      npmOk(
        registry.dir,
        ['publish', tarball.file, '--registry', registry.url, '--tag', 'latest'],
        env,
        60_000,
      ),
    ),
  );
  await npmOk(
    registry.dir,
    ['cache', 'add', ...tarballs.map(({ name, version }) => `${name}@${version}`), '--prefer-online'],
    env,
    60_000,
  );
}
