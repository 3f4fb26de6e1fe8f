import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { CliIo, TextSink } from '../output/cli-io.ts';
import type { Colours } from '../output/colours.ts';
import { isGroupAlive, signalGroup } from './process-group.ts';

/** How a service run ended on its own. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be created at all (no shell, a missing working directory). */
  error?: Error;
}

/** Options of {@link createServiceProcess}. */
export interface ServiceProcessOptions {
  /** A shell command line, e.g. `npm start` or `node server.js`. */
  command: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  io: CliIo;
  colours: Colours;
  /** Called once the service's last output is printed, when it ended on its own (not through restart or stop). */
  onExit(exit: ServiceExit): void;
  /**
   * How long the service's process group gets to exit after SIGTERM before SIGKILL.
   * @default 3000
   */
  killGraceMs?: number;
}

/** The service `spoke dev` runs: started, restarted on change, stopped on exit. */
export interface ServiceProcess {
  start(): void;
  restart(): Promise<void>;
  /** Stops the whole process group (SIGTERM, then SIGKILL after the grace time). */
  stop(): Promise<void>;
  /** The pid of the current run's shell, which leads its process group. */
  readonly pid: number | undefined;
}

interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<ServiceExit>;
  readonly killOnExit: () => void;
}

// Spoke's choice: how long to wait for the last output lines after the process exits (a
// grandchild can hold the pipes open).
const outputDrainMs = 1000;
const pollMs = 25;

/** `promise`, or undefined after `ms`; the timer never outlives the race (it would hold the process open). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the service command in its own process group, prefixing its output lines with `[service]`. */
export function createServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  const graceMs = options.killGraceMs ?? 3000;
  const prefix = options.colours.blue('[service]');
  let current: Run | null = null;

  const pipeLines = (stream: Readable | null, sink: TextSink) =>
    new Promise<void>((done) => {
      if (!stream) return done();
      const lines = createInterface({ input: stream });
      lines.on('line', (line) => sink.write(`${prefix} ${line}\n`));
      lines.once('close', () => done());
    });

  const leaderRunning = (run: Run) => run.child.exitCode === null && run.child.signalCode === null;

  async function stopRun(run: Run): Promise<void> {
    const pgid = run.child.pid;
    if (pgid === undefined) return;
    const running = () => leaderRunning(run) || isGroupAlive(pgid);
    if (running()) {
      signalGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      await within(run.exited, graceMs);
      while (running() && Date.now() < deadline) await delay(pollMs);
      if (running()) {
        signalGroup(pgid, 'SIGKILL');
        await within(run.exited, graceMs);
      }
    }
    process.off('exit', run.killOnExit);
  }

  function start(): void {
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: options.env,
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // If dev ends without stopping the service (a second Ctrl-C, a crash), the group goes too.
    const killOnExit = () => {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    };
    if (child.pid !== undefined) process.on('exit', killOnExit);
    const drained = [pipeLines(child.stdout, options.io.stdout), pipeLines(child.stderr, options.io.stderr)];
    const exited = new Promise<ServiceExit>((done) => {
      child.once('exit', (code, signal) => done({ code, signal }));
      child.once('error', (error) => {
        if (child.pid === undefined) done({ code: null, signal: null, error });
        else options.io.stderr.write(`${prefix} ${error.message}\n`);
      });
    });
    const run: Run = { child, exited, killOnExit };
    current = run;
    void exited.then(async (exit) => {
      await within(Promise.all(drained), outputDrainMs);
      if (current !== run) return;
      if (child.pid !== undefined && !isGroupAlive(child.pid)) process.off('exit', killOnExit);
      options.onExit(exit);
    });
  }

  async function stop(): Promise<void> {
    const run = current;
    current = null;
    if (run) await stopRun(run);
  }

  return {
    start,
    async restart() {
      await stop();
      start();
    },
    stop,
    get pid() {
      return current?.child.pid;
    },
  };
}
