// The installed packages, as a user gets them: packed from dist/, published to a throwaway
// verdaccio (the release check's helpers), installed into a folder outside the repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../tests/helpers/free-port.ts';
import { describeRun, type RunResult, run, userEnv } from '../tests/release/helpers/processes.ts';
import {
  makeTempDir,
  npmOk,
  type PackedTarball,
  packAll,
  publishAll,
  type Registry,
  removeTempDir,
  startRegistry,
} from '../tests/release/helpers/registry.ts';
import { cardRendered, timeBareNode, timeEmulatorReady, timeSpokeHelp } from './cold-start.ts';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { timeProcess } from './lib/time-process.ts';

const installFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
// What a generated project installs besides Spoke (create-spoke's templates/base/package.json).
const generatedThirdParty = ['tsx@^4.23.15', 'typescript@~5.9.3', 'vitest@~4.1.12', '@types/node@^20.19.0'];
// The official HubSpot client, the package a HubSpot developer already installs: a yardstick for size.
const officialClient = '@hubspot/api-client@13.5.0';

function ok(result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`[bench] ${describeRun(result)}`);
  return result;
}

function newProject(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
}

/** `npm create spoke` from the registry, `npm install`, then `npm run dev` until its record page shows an ok card. */
async function timeCreateToCard(registry: Registry, root: string, round: number): Promise<number> {
  const started = performance.now();
  const env = registry.env();
  ok(
    await run('npm', ['create', 'spoke@latest', `app-${round}`, '--yes', '--', '--no-install'], {
      cwd: root,
      env,
      timeoutMs: 120_000,
    }),
  );
  const app = join(root, `app-${round}`);
  await npmOk(app, ['install', ...installFlags], env, 180_000);
  const servicePort = String(await freePort());
  const beforeDev = performance.now() - started;
  const dev = await timeProcess({
    command: 'npm',
    args: ['run', 'dev', '--', '--port', '0'],
    cwd: app,
    env: { ...env, PORT: servicePort, SERVICE_URL: `http://127.0.0.1:${servicePort}` },
    processGroup: true,
    timeoutMs: 120_000,
    announced: (output) => /http:\/\/127\.0\.0\.1:\d+\/#\/records\/\w+\/\d+/.exec(output)?.[0],
    probe: cardRendered,
  });
  // timeProcess counts from the spawn of `npm run dev`; the create and the install come before it.
  return beforeDev + dev;
}

/** The floor of the same steps: installing the generated project's third-party dependencies alone. */
async function timeThirdPartyInstall(registry: Registry, root: string, round: number): Promise<number> {
  const dir = join(root, `floor-${round}`);
  newProject(dir, `floor-${round}`);
  const started = performance.now();
  await npmOk(dir, ['install', '-D', ...generatedThirdParty, ...installFlags], registry.env(), 180_000);
  return performance.now() - started;
}

/** Packed size of the official client's tarball, in bytes (from npm's cache when it has it). */
async function officialClientBytes(cwd: string): Promise<number> {
  const result = ok(
    await run('npm', ['pack', officialClient, '--dry-run', '--json', ...installFlags], {
      cwd,
      env: userEnv(),
      timeoutMs: 60_000,
    }),
  );
  const [entry] = JSON.parse(result.stdout) as { size: number }[];
  if (entry === undefined) throw new Error(`[bench] npm pack ${officialClient} reported nothing`);
  return entry.size;
}

function sizeRows(tarballs: readonly PackedTarball[], officialBytes: number): BenchResult[] {
  const kib = (bytes: number) => bytes / 1024;
  return tarballs.map((tarball) =>
    compareRounds({
      name: `installed.tarball.${tarball.name.replace('@spoke/', '')}`,
      baseline: `${officialClient} tarball`,
      unit: 'KiB',
      better: 'lower',
      target: null,
      values: [kib(tarball.bytes)],
      baselineValues: [kib(officialBytes)],
      note: `${tarball.files.length} files, ${(tarball.unpackedBytes / 1024).toFixed(0)} KiB unpacked${tarball.name === '@spoke/emulator' ? ' (the web UI included)' : ''}`,
    }),
  );
}

/**
 * 7. Installed: `spoke --help` and the emulator's first 200 from an installed `@spoke/cli`,
 * `npm create spoke` until the first signed card renders, and each tarball's size. A quick run
 * packs, publishes and installs once and measures each figure once.
 */
export async function installed({ quick }: BenchOptions): Promise<BenchResult[]> {
  const work = makeTempDir('bench');
  let registry: Registry | undefined;
  try {
    const tarballs = await packAll(join(work, 'tarballs'));
    registry = await startRegistry();
    await publishAll(registry, tarballs);
    const consumer = join(work, 'consumer');
    newProject(consumer, 'bench-consumer');
    const cli = tarballs.find((tarball) => tarball.name === '@spoke/cli');
    if (cli === undefined) throw new Error('[bench] @spoke/cli was not packed');
    await npmOk(consumer, ['install', `@spoke/cli@${cli.version}`, ...installFlags], registry.env(), 180_000);
    const bin = join(consumer, 'node_modules/@spoke/cli/bin/spoke.js');

    const rounds = quick ? 1 : 7;
    const starts = await interleave(rounds, [
      { key: 'node', measure: timeBareNode },
      { key: 'help', measure: () => timeSpokeHelp(bin) },
      { key: 'emulator', measure: () => timeEmulatorReady(bin) },
    ]);
    const active = registry;
    let round = 0;
    const creates = await interleave(quick ? 1 : 3, [
      { key: 'floor', measure: () => timeThirdPartyInstall(active, work, ++round) },
      { key: 'create', measure: () => timeCreateToCard(active, work, ++round) },
    ]);
    const officialBytes = await officialClientBytes(work);
    return [
      compareRounds({
        name: 'installed.spoke-help',
        baseline: "node -e '' (bare Node start-up)",
        unit: 'ms',
        better: 'lower',
        target: null,
        values: samplesOf(starts, 'help'),
        baselineValues: samplesOf(starts, 'node'),
        note: 'the installed `spoke --help` (dist/ under plain node); goal ≤ 150 ms',
      }),
      compareRounds({
        name: 'installed.emulator-ready',
        baseline: "node -e '' (bare Node start-up)",
        unit: 'ms',
        better: 'lower',
        target: null,
        values: samplesOf(starts, 'emulator'),
        baselineValues: samplesOf(starts, 'node'),
        note: 'the installed `spoke emulator --port 0` (file store, bundled UI) until GET / answers 200; goal ≤ 800 ms',
      }),
      compareRounds({
        name: 'installed.create-to-first-card',
        baseline: 'npm install of the generated project’s third-party dev dependencies alone',
        unit: 'ms',
        better: 'lower',
        target: null,
        values: samplesOf(creates, 'create'),
        baselineValues: samplesOf(creates, 'floor'),
        note: '`npm create spoke@latest app -- --no-install`, `npm install`, `npm run dev` until the printed record page has an ok card; npm cache warm; goal ≤ 60 s',
      }),
      ...sizeRows(tarballs, officialBytes),
    ];
  } finally {
    await registry?.stop();
    removeTempDir(work);
  }
}
