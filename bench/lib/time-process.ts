import { spawn } from 'node:child_process';

/** Options of {@link timeProcess}. */
export interface TimeProcessOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Looks at everything the process printed so far; returns a value once the process announced
   * it is up (e.g. its URL). Without it, the time until the process exits (code 0) is measured.
   */
  announced?: (output: string) => string | undefined;
  /** Called with the announced value until it resolves true (e.g. the first 200). */
  probe?: (announced: string) => Promise<boolean>;
  /** Give up after this many ms. @default 60000 */
  timeoutMs?: number;
  /**
   * Run in its own process group and stop the whole group (npm does not pass SIGTERM on to the
   * script it runs); waits until every process holding its output has gone. @default false
   */
  processGroup?: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Spawns a process and returns the milliseconds until it exits successfully or, with `announced`,
 * until it announced itself and `probe` passed; then stops it with SIGTERM (SIGKILL after 5 s).
 */
export async function timeProcess(options: TimeProcessOptions): Promise<number> {
  const start = performance.now();
  const group = options.processGroup ?? false;
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // 'close' fires once every process holding the output pipes has exited (the whole tree).
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let finished = false;
  void exited.then(() => {
    finished = true;
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  const deadline = start + (options.timeoutMs ?? 60_000);
  const stop = async () => {
    if (!finished || group) signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 15_000);
    await (group ? closed : exited);
    clearTimeout(timer);
  };
  const name = [options.command, ...options.args].join(' ');
  try {
    if (options.announced === undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), deadline - start);
      });
      const code = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (code !== 0) throw new Error(`[bench] ${name} ended with ${code}: ${output.slice(-500)}`);
      return performance.now() - start;
    }
    for (;;) {
      if (performance.now() > deadline)
        throw new Error(`[bench] ${name} was not ready in time: ${output.slice(-500)}`);
      if (finished) throw new Error(`[bench] ${name} exited before it was ready: ${output.slice(-500)}`);
      const value = options.announced(output);
      if (value !== undefined && (options.probe === undefined || (await options.probe(value)))) {
        return performance.now() - start;
      }
      await sleep(5);
    }
  } finally {
    await stop();
  }
}

/** True when GET `url` answers 200 (false on any network error). */
export async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The first `http://127.0.0.1:<port>` URL in `output`. */
export function loopbackUrlIn(output: string): string | undefined {
  return /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
}
