import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `spoke` bin (it runs the TypeScript source through tsx inside the monorepo). */
export const spokeBin = fileURLToPath(new URL('../../../cli/bin/spoke.js', import.meta.url));

/** A `spoke emulator` running as its own process. */
export interface EmulatorProcess {
  url: string;
  pid: number;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** SIGTERM: the emulator closes the server and the store, then exits. */
  stop(): Promise<void>;
}

/** Options of {@link startEmulatorProcess}. */
export interface EmulatorProcessOptions {
  dataFile: string;
  clientSecret: string;
  developerApiKey: string;
  /** @default 30000 */
  readyTimeoutMs?: number;
}

/**
 * Starts `node packages/cli/bin/spoke.js emulator --port 0 --data <file>` and resolves once it
 * prints its URL. The child is never left behind: callers kill or stop it by its pid.
 */
export function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const args = [
    spokeBin,
    'emulator',
    '--port',
    '0',
    '--data',
    options.dataFile,
    '--client-secret',
    options.clientSecret,
    '--developer-api-key',
    options.developerApiKey,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void signal('SIGKILL');
      reject(
        new Error(`the emulator did not start within ${options.readyTimeoutMs ?? 30_000} ms: ${stderr}`),
      );
    }, options.readyTimeoutMs ?? 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /ready at (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        pid: child.pid ?? 0,
        exited,
        stderr: () => stderr,
        kill: () => signal('SIGKILL'),
        stop: () => signal('SIGTERM'),
      });
    });
    void exited.then(({ code, signal: by }) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code ?? by}) before it was ready: ${stderr}`));
    });
  });
}
