import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../helpers/free-port.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm start` running in its own process group, as a terminal runs it. */
export interface RunningStart {
  readonly emulatorUrl: string;
  readonly exampleUrl: string;
  /** Everything start and its children printed so far. */
  output(): string;
  /** Ctrl-C: SIGINT to the whole process group; resolves with start's exit code. */
  interrupt(): Promise<number | null>;
  /** Makes sure nothing is left running (SIGKILL to the group). */
  kill(): void;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

/** `npm start` as spawned, before or without getting ready. */
export interface SpawnedStart {
  readonly child: ChildProcess;
  /** Everything start and its children printed so far. */
  output(): string;
  /** Resolves with start's exit code once it exited. */
  exited(): Promise<number | null>;
  /** SIGKILL to the whole process group. */
  kill(): void;
}

/**
 * Spawns what `npm start` runs (`node --conditions=@spoke/source --import tsx tools/start.ts`) in
 * its own process group, on the given ports, with its data in `dataDir` and no UI build.
 */
export function spawnStart(options: {
  spokePort: number;
  examplePort: number;
  dataDir: string;
  env?: Record<string, string>;
}): SpawnedStart {
  const child = spawn(process.execPath, ['--conditions=@spoke/source', '--import', 'tsx', 'tools/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SPOKE_PORT: String(options.spokePort),
      EXAMPLE_PORT: String(options.examplePort),
      SPOKE_DATA_DIR: options.dataDir,
      // The e2e drives HTTP only; the UI build belongs to the browser tests.
      SPOKE_SKIP_UI_BUILD: '1',
      NO_COLOR: '1',
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    child,
    output: () => output,
    exited: () => exitOf(child),
    kill() {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Runs what `npm start` runs on free ports with its data in `dataDir`, and resolves once it
 * printed the URLs to open.
 */
export async function runNpmStart(options: {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs: number;
}): Promise<RunningStart> {
  const [spokePort, examplePort] = [await freePort(), await freePort()];
  const { child, output, kill } = spawnStart({ spokePort, examplePort, ...options });
  const deadline = Date.now() + options.timeoutMs;
  while (!output().includes('Spoke is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      kill();
      throw new Error(`npm start did not get ready (exit code ${child.exitCode}):\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    emulatorUrl: `http://127.0.0.1:${spokePort}`,
    exampleUrl: `http://127.0.0.1:${examplePort}`,
    output,
    async interrupt() {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      return exitOf(child);
    },
    kill,
  };
}
