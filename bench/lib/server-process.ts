import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Servers running in a child process, so the load generator does not share their event loop. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` of each server kind the process runs. */
  readonly urls: ReadonlyMap<string, string>;
  readonly pid: number | undefined;
  /** CPU time (user + system) the process has used so far, microseconds. */
  cpuMicros(): Promise<number>;
  /** Asks the servers to close and waits for the process to exit (profiles are written then). */
  close(): Promise<void>;
}

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  /**
   * Folder for a `--cpu-prof` profile of the server process.
   * @default process.env.BENCH_CPU_PROF (no profile when unset)
   */
  cpuProfileDir?: string;
  /** Milliseconds to wait for the servers to listen. @default 30000 */
  startTimeoutMs?: number;
}

const serveEntry = fileURLToPath(new URL('../servers/serve.ts', import.meta.url));

/** Node flags that make a child resolve workspace packages to source and run TypeScript. */
export const sourceExecArgv = ['--conditions=@spoke/source', '--import', 'tsx'] as const;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function askCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpuMicros?: unknown } | null)?.cpuMicros;
      if (typeof cpu !== 'number') return;
      child.off('message', onMessage);
      resolve(cpu);
    };
    child.on('message', onMessage);
    if (!child.send('cpu')) reject(new Error('[bench] could not ask the server process for its CPU time'));
  });
}

function portsOf(message: unknown, kinds: readonly string[]): Map<string, string> | undefined {
  const ports = (message as { ports?: Record<string, unknown> } | null)?.ports;
  if (ports === undefined) return undefined;
  const urls = new Map<string, string>();
  for (const kind of kinds) {
    const port = ports[kind];
    if (typeof port !== 'number') return undefined;
    urls.set(kind, `http://127.0.0.1:${port}`);
  }
  return urls;
}

/**
 * Forks `bench/servers/serve.ts <kind>,…`, which listens on 127.0.0.1, port 0, and reports its
 * ports over IPC. Closing sends `close`, then kills the process if it has not exited in 5 s.
 */
export function startServerProcess(
  kinds: readonly string[],
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const profileDir = options.cpuProfileDir ?? process.env.BENCH_CPU_PROF;
  const execArgv: string[] = [...sourceExecArgv];
  if (profileDir !== undefined && profileDir !== '')
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  const child = fork(serveEntry, [kinds.join(',')], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.send('close');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const name = kinds.join(', ');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`[bench] the ${name} server(s) did not listen within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`[bench] the ${name} server(s) exited (code ${code}) before listening`));
    };
    child.once('exit', onExit);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      const urls = portsOf(message, kinds);
      if (urls === undefined) {
        child.kill('SIGKILL');
        reject(
          new Error(`[bench] the ${name} server(s) sent ${JSON.stringify(message)} instead of their ports`),
        );
        return;
      }
      resolve({ urls, pid: child.pid, cpuMicros: () => askCpu(child), close });
    });
  });
}

/** Options of {@link startServers}. */
export interface StartServersOptions extends ServerProcessOptions {
  /** One process per server (measuring), or all in one process (quick runs: one start-up). */
  separate: boolean;
}

/** Running servers by kind, and how to stop them all. */
export interface RunningServers {
  url(kind: string): string;
  /** CPU time the process running `kind` has used so far, microseconds. */
  cpuMicros(kind: string): Promise<number>;
  close(): Promise<void>;
}

/** Starts the servers in one or several child processes; closes the started ones if any fails. */
export async function startServers(
  kinds: readonly string[],
  options: StartServersOptions,
): Promise<RunningServers> {
  const groups = options.separate ? kinds.map((kind) => [kind]) : [kinds];
  const started = await Promise.allSettled(groups.map((group) => startServerProcess(group, options)));
  const processes = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const close = async () => {
    await Promise.all(processes.map((server) => server.close()));
  };
  const failure = started.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) {
    await close();
    throw failure.reason;
  }
  const urls = new Map(processes.flatMap((server) => [...server.urls]));
  const owners = new Map(
    processes.flatMap((server) => [...server.urls.keys()].map((kind) => [kind, server])),
  );
  return {
    url(kind) {
      const url = urls.get(kind);
      if (url === undefined) throw new Error(`[bench] no ${kind} server was started`);
      return url;
    },
    cpuMicros(kind) {
      const owner = owners.get(kind);
      if (owner === undefined) throw new Error(`[bench] no ${kind} server was started`);
      return owner.cpuMicros();
    },
    close,
  };
}
