import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createDevProject, type DevProject, isAlive, waitFor } from './helpers/dev-project.ts';
import { runSpoke, spokeBin } from './helpers/run-spoke.ts';

/** `spoke dev` as a real process, its stdout and stderr interleaved. */
function startDev(project: DevProject, extraEnv: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [spokeBin, 'dev', '--service', 'node src/service.mjs', '--port', '0', '--watch', 'src'],
    { cwd: project.dir, env: { ...project.env, ...extraEnv } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('spoke dev as a process', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let blocker: Server | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    blocker = undefined;
  });

  test('Ctrl-C stops the service, the watcher and the emulator, and exits 0', {
    timeout: 30_000,
  }, async () => {
    const project = await createDevProject();
    const dev = startDev(project);
    child = dev.child;
    await waitFor(
      () => dev.output().includes(`the service listens on 127.0.0.1:${project.servicePort}`),
      () => `the service to listen; output:\n${dev.output()}`,
      20_000,
    );
    expect(dev.output()).toContain('watching src and spoke.config.json. Ctrl-C stops.');
    const pid = project.starts()[0] ?? 0;
    expect(isAlive(pid)).toBe(true);
    dev.child.kill('SIGINT');
    expect(await dev.exited).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(dev.output()).toContain('Stopping…');
  });

  test('a second Ctrl-C while stopping exits at once and still kills the service', {
    timeout: 30_000,
  }, async () => {
    const project = await createDevProject();
    // The service ignores SIGTERM, so the first Ctrl-C would wait out the grace time.
    const dev = startDev(project, { IGNORE_TERM: '1' });
    child = dev.child;
    await waitFor(
      () => dev.output().includes('[service] service up'),
      () => `the service to start; output:\n${dev.output()}`,
      20_000,
    );
    const pid = project.starts()[0] ?? 0;
    dev.child.kill('SIGINT');
    await waitFor(
      () => dev.output().includes('[service] ignoring SIGTERM'),
      () => `the service to get SIGTERM; output:\n${dev.output()}`,
    );
    dev.child.kill('SIGINT');
    expect(await dev.exited).toBe(130);
    expect(dev.output()).toContain('SIGINT again: exiting without waiting');
    expect(isAlive(pid)).toBe(false);
  });

  test('a taken --port exits 2 before starting the service and says how to pick another', async () => {
    const project = await createDevProject();
    const server = createServer();
    blocker = server;
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    const result = await runSpoke(['dev', '--service', 'node src/service.mjs', '--port', String(port)], {
      cwd: project.dir,
      env: project.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is taken`);
    expect(result.stderr).toContain(`--port ${port + 1}, or --port 0 for a free one`);
    expect(result.stderr).toContain('docs/errors.md#dev-port-in-use');
    expect(project.starts()).toEqual([]);
  });
});
