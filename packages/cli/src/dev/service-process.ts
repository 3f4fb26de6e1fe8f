import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { CliIo } from '../output/cli-io.ts';
import type { Colours } from '../output/colours.ts';

/** Options of {@link createServiceProcess}. */
export interface ServiceProcessOptions {
  /** A shell command line, e.g. `npm start` or `node server.js`. */
  command: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  io: CliIo;
  colours: Colours;
  /** Called when the service exits on its own (not through restart or stop). */
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** The service `spoke dev` runs: started, restarted on change, stopped on exit. */
export interface ServiceProcess {
  start(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

// Spoke's choice: how long a service gets to exit after SIGTERM before SIGKILL.
const killGraceMs = 3000;

/** Runs the service command in its own process group, prefixing its output lines with `[service]`. */
export function createServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  let child: ChildProcess | null = null;
  const prefix = options.colours.blue('[service]');

  function signalGroup(target: ChildProcess, signal: NodeJS.Signals): void {
    try {
      // The negative pid signals the whole group: the shell and what it started.
      if (target.pid !== undefined) process.kill(-target.pid, signal);
    } catch {
      target.kill(signal);
    }
  }

  function stopChild(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => signalGroup(running, 'SIGKILL'), killGraceMs);
      running.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      signalGroup(running, 'SIGTERM');
    });
  }

  function start(): void {
    const started = spawn(options.command, {
      cwd: options.cwd,
      env: options.env,
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    for (const [stream, sink] of [
      [started.stdout, options.io.stdout],
      [started.stderr, options.io.stderr],
    ] as const) {
      if (stream) createInterface({ input: stream }).on('line', (line) => sink.write(`${prefix} ${line}\n`));
    }
    started.on('exit', (code, signal) => {
      if (child === started) {
        child = null;
        options.onExit(code, signal);
      }
    });
    started.on('error', (error) => options.io.stderr.write(`${prefix} could not start: ${error.message}\n`));
  }

  return {
    start,
    async restart() {
      await stopChild();
      start();
    },
    stop: stopChild,
    get pid() {
      return child?.pid;
    },
  };
}
