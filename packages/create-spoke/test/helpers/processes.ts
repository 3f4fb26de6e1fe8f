import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: its node_modules has every package a generated project depends on. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** Absolute path of the `create-spoke` bin. */
export const createSpokeBin = fileURLToPath(new URL('../../bin/create-spoke.js', import.meta.url));

/** What a finished process left. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes: no colour codes, none of this test runner's vitest
 * settings (a nested vitest would take them for its own), the workspace packages resolved to
 * their TypeScript source, and node_modules/.bin on PATH as `npm run` has it.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_OPTIONS: '--conditions=@spoke/source',
    PATH: `${repoRoot}node_modules/.bin:${process.env.PATH ?? ''}`,
    ...extra,
  };
}

/** Runs a command to completion, collecting its output; kills it after `timeoutMs`. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore'; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A generated service running in a child process. */
export interface RunningService {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a generated project's src/server.ts (tsx, `@spoke/source`) on a free port. */
export function startService(dir: string, secret: string, timeoutMs = 20_000): Promise<RunningService> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: dir,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', HUBSPOT_CLIENT_SECRET: secret }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      // SIGTERM closes the server gracefully; a service that does not exit then is killed.
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${dir}: the service did not print "listening on" within ${timeoutMs} ms:\n${output}`),
      );
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ url, child, stop });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${dir}: the service exited (code ${code}) before listening:\n${output}`));
    });
  });
}
