import { type ChildProcess, spawn } from 'node:child_process';
import { delimiter, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/release/helpers/../../..). */
export const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/**
 * The environment a user's shell would have: `process.env` without what `npm test` and Vitest
 * inject. `npm run` sets `npm_*` (config pointing back at this repository's workspace), `INIT_CWD`,
 * and prepends the repository's `node_modules/.bin` to PATH; Vitest sets `VITEST*`, `TEST`,
 * `NODE_ENV`. Left in, a child's `npm`, `tsc` or `spoke` could silently be the repository's copy.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) || /^VITEST/.test(key)) continue;
    if (['INIT_CWD', 'TEST', 'NODE_ENV', 'NODE_OPTIONS', 'FORCE_COLOR', 'COLOR'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !isInside(dir, repoRoot) && !dir.includes('node-gyp-bin'))
    .join(delimiter);
  env.NO_COLOR = '1';
  return { ...env, ...extra };
}

function isInside(path: string, root: string): boolean {
  const full = resolve(path);
  return full === root || full.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The child (and everything it started) is killed after this long. */
  timeoutMs: number;
}

export interface RunResult {
  /** The command line as typed, for messages. */
  command: string;
  cwd: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

const tailChars = 6_000;

/** A failure message: the command, where it ran, how it ended and the end of its output. */
export function describeRun(result: RunResult): string {
  const ending = result.timedOut
    ? `was killed after timing out (${result.ms} ms)`
    : result.signal
      ? `was killed by ${result.signal}`
      : `exited ${result.code} after ${result.ms} ms`;
  return [
    `\`${result.command}\` in ${result.cwd} ${ending}`,
    `--- stdout (last ${tailChars} chars) ---`,
    result.stdout.slice(-tailChars),
    `--- stderr (last ${tailChars} chars) ---`,
    result.stderr.slice(-tailChars),
  ].join('\n');
}

/** Runs a command to completion in its own process group; kills the group when it overruns. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child, 'SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolvePromise) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      clearTimeout(timer);
      resolvePromise({
        command: [command, ...args].join(' '),
        cwd: options.cwd,
        code,
        signal,
        timedOut,
        stdout,
        stderr: error ? `${stderr}\n${error.message}` : stderr,
        ms: Date.now() - started,
      });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** A long-running child (a service, an emulator) started in its own process group. */
export interface Background {
  child: ChildProcess;
  command: string;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Background>();

/** Starts a command in the background; `stopAllBackground()` (afterAll) stops whatever is left. */
export function startBackground(
  command: string,
  args: readonly string[],
  options: Omit<RunOptions, 'timeoutMs'>,
): Background {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: string) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  let exited = false;
  let spawnError: Error | null = null;
  const exit = new Promise<void>((resolvePromise) => {
    child.once('error', (error) => {
      spawnError = error;
      exited = true;
      for (const listener of listeners) listener();
      resolvePromise();
    });
    child.once('exit', () => {
      exited = true;
      for (const listener of listeners) listener();
      resolvePromise();
    });
  });
  const line = [command, ...args].join(' ');
  // The group outlives its leader when the leader exits first (npm start → tsx → node), so the
  // group is killed even after the leader's exit.
  let stopped = false;
  const background: Background = {
    child,
    command: line,
    output: () => output,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            done();
            resolvePromise(match);
          } else if (exited) {
            done();
            const reason = spawnError
              ? `could not start: ${spawnError.message}`
              : `exited (${child.exitCode ?? child.signalCode})`;
            reject(
              new Error(
                `\`${line}\` ${reason} before printing ${pattern}. Output:\n${output.slice(-tailChars)}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `\`${line}\` did not print ${pattern} within ${timeoutMs} ms. Output:\n${output.slice(-tailChars)}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5_000) {
      running.delete(background);
      if (stopped) return exit;
      stopped = true;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
      // Grandchildren that ignored SIGTERM go with the group.
      killGroup(child, 'SIGKILL');
    },
  };
  running.add(background);
  return background;
}

/** Stops every background child still running (for afterAll). */
export async function stopAllBackground(): Promise<void> {
  await Promise.all([...running].map((background) => background.stop()));
}
