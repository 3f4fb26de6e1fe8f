import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tests/helpers/free-port.ts';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { answers200, loopbackUrlIn, timeProcess } from './lib/time-process.ts';

const spokeBin = fileURLToPath(new URL('../packages/cli/bin/spoke.js', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The floor every server start pays: Node itself plus a node:http server answering its first 200.
const bareServer =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('ready at http://127.0.0.1:' + this.address().port); });";

/** `spoke --help` until it exits (`bin`: the repository's by default, or an installed one). */
export function timeSpokeHelp(bin = spokeBin): Promise<number> {
  return timeProcess({ command: process.execPath, args: [bin, '--help'] });
}

/** Bare `node -e ''` until it exits. */
export function timeBareNode(): Promise<number> {
  return timeProcess({ command: process.execPath, args: ['-e', ''] });
}

/** `spoke emulator --port 0` (file store in a fresh folder) until `/` answers 200. */
export async function timeEmulatorReady(bin = spokeBin): Promise<number> {
  const cwd = await mkdtemp(join(tmpdir(), 'spoke-bench-emulator-'));
  try {
    return await timeProcess({
      command: process.execPath,
      args: [bin, 'emulator', '--port', '0'],
      cwd,
      announced: (output) => (output.includes('ready at') ? loopbackUrlIn(output) : undefined),
      probe: (url) => answers200(`${url}/`),
    });
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

/** True once the record page's cards are rendered (the control API the UI calls answers an ok card). */
export async function cardRendered(pageUrl: string): Promise<boolean> {
  const match = /^(http:\/\/127\.0\.0\.1:\d+)\/#\/records\/(\w+)\/(\d+)$/.exec(pageUrl);
  if (match === null) return false;
  const [, origin, objectType, id] = match;
  try {
    const response = await fetch(`${origin}/_spoke/records/${objectType}/${id}/cards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { cards?: { status?: string }[] };
    return response.ok && (body.cards ?? []).some((card) => card.status === 'ok');
  } catch {
    return false;
  }
}

/**
 * `npm start` (emulator, example, `spoke push`, demo records; on fresh ports and data folder, UI
 * build skipped) until the record page it prints shows its first card.
 */
export async function timeNpmStart(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'spoke-bench-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPOKE_PORT: String(await freePort()),
    EXAMPLE_PORT: String(await freePort()),
    SPOKE_DATA_DIR: dataDir,
    SPOKE_SKIP_UI_BUILD: '1',
    NO_COLOR: '1',
  };
  // The example would use Postgres when DATABASE_URL is set; the benchmark wants its SQLite default.
  delete env.DATABASE_URL;
  try {
    return await timeProcess({
      command: 'npm',
      args: ['start'],
      cwd: repoRoot,
      env,
      processGroup: true,
      timeoutMs: 120_000,
      announced: (output) => /http:\/\/127\.0\.0\.1:\d+\/#\/records\/\w+\/\d+/.exec(output)?.[0],
      probe: cardRendered,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A bare node:http server until it answers 200. */
export function timeBareServerReady(): Promise<number> {
  return timeProcess({
    command: process.execPath,
    args: ['-e', bareServer],
    announced: loopbackUrlIn,
    probe: (url) => answers200(`${url}/`),
  });
}

/**
 * 5. Cold start: `spoke --help`, the emulator until its first 200 on `/`, and `npm start` until
 * the first card is rendered, each against the bare Node floor, rounds interleaved.
 */
export async function coldStart({ quick }: BenchOptions): Promise<BenchResult[]> {
  const contenders = [
    { key: 'node', measure: timeBareNode },
    { key: 'help', measure: timeSpokeHelp },
    { key: 'bare-server', measure: timeBareServerReady },
    { key: 'emulator', measure: timeEmulatorReady },
    { key: 'npm-start', measure: timeNpmStart },
  ];
  // A quick run only proves each start still works, so it starts them all at once.
  const samples = quick
    ? new Map(
        await Promise.all(
          contenders.map(async ({ key, measure }): Promise<[string, number[]]> => [key, [await measure()]]),
        ),
      )
    : await interleave(5, contenders);
  return [
    compareRounds({
      name: 'cold-start.spoke-help',
      baseline: "node -e '' (bare Node start-up)",
      unit: 'ms',
      better: 'lower',
      target: null,
      values: samplesOf(samples, 'help'),
      baselineValues: samplesOf(samples, 'node'),
    }),
    compareRounds({
      name: 'cold-start.emulator-ready',
      baseline: 'bare node:http server until its first 200',
      unit: 'ms',
      better: 'lower',
      target: null,
      values: samplesOf(samples, 'emulator'),
      baselineValues: samplesOf(samples, 'bare-server'),
      note: '`spoke emulator --port 0` with a fresh file store, until GET / answers 200',
    }),
    compareRounds({
      name: 'cold-start.npm-start-first-card',
      baseline: 'bare node:http server until its first 200',
      unit: 'ms',
      better: 'lower',
      target: null,
      values: samplesOf(samples, 'npm-start'),
      baselineValues: samplesOf(samples, 'bare-server'),
      note: '`npm start` (emulator + example + spoke push + demo records, UI build skipped) until the printed record page has an ok card',
    }),
  ];
}
