import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the `spoke` bin. */
export const spokeBin = fileURLToPath(new URL('../../bin/spoke.js', import.meta.url));

/** What a finished process left. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runProcess}. */
export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  stdin?: string;
  /** @default 30000 */
  timeoutMs?: number;
}

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // No colour codes in what the tests read, and none of the runner's Spoke settings leak in.
  const {
    SPOKE_API_URL: _a,
    SPOKE_APP_ID: _b,
    SPOKE_DEVELOPER_API_KEY: _c,
    HUBSPOT_DEVELOPER_API_KEY: _d,
    ...rest
  } = process.env;
  return { ...rest, NO_COLOR: '1', ...extra };
}

/** Runs a command to completion and collects its output; kills it after the timeout. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: environment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs `node packages/cli/bin/spoke.js …args` as a real process. */
export function runSpoke(args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  return runProcess(process.execPath, [spokeBin, ...args], options);
}

/** A directory with a `spoke` executable that runs the bin, to put first on PATH for shell examples. */
export async function spokeOnPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spoke-bin-'));
  const script = join(dir, 'spoke');
  await writeFile(script, `#!/bin/sh\nexec "${process.execPath}" "${spokeBin}" "$@"\n`);
  await chmod(script, 0o755);
  return dir;
}
