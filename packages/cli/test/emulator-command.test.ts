import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runEmulator } from '../src/commands/emulator.ts';
import { runCli } from '../src/program.ts';
import { memoryIo } from './helpers/memory-io.ts';

const bin = fileURLToPath(new URL('../bin/spoke.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `runEmulator` until `during` is done, then stops it like Ctrl-C. */
async function withEmulator(
  args: Parameters<typeof runEmulator>[0],
  during: (url: string, out: string) => Promise<void>,
) {
  const io = memoryIo({ fetch: globalThis.fetch });
  let release: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    release = resolve;
  });
  const running = runEmulator(args, io, () => {
    const url = /ready at (\S+)/.exec(io.out())?.[1] ?? '';
    return during(url, io.out()).finally(() => release());
  });
  await stopped;
  return { code: await running, io };
}

const defaults = { port: '0', host: '127.0.0.1', data: '.spoke/emulator.db' };

describe('spoke emulator', () => {
  test('starts as a real process, answers /_spoke/health and exits 0 on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'emulator', '--memory', '--port', '0', '--client-secret', 'shh', '--developer-api-key', 'devkey'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line; got: ${out}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /Spoke emulator ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1] && out.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(url).not.toMatch(/:0$/);
    expect(out).toContain('app id             1000');
    expect(out).toContain('client secret      shh');
    expect(out).toContain('developer API key  devkey');
    expect(out).toContain('in memory');
    const health = await fetch(`${url}/_spoke/health`);
    expect(await health.json()).toEqual({ ok: true });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  test('keeps state in the data file across runs; flags override ids and keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-cli-'));
    dirs.push(dir);
    const data = join(dir, 'state', 'emulator.db');
    const first = await withEmulator(
      { ...defaults, data, appId: '2000', portalId: '777', developerApiKey: 'k1', clientSecret: 's1' },
      async (url, out) => {
        expect(out).toContain(`data               ${data}`);
        const created = await fetch(`${url}/_spoke/records/deals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ properties: { dealname: 'Kept across restarts' } }),
        });
        expect(created.status).toBe(201);
      },
    );
    expect(first.code).toBe(0);
    expect(first.io.out()).toContain('app id             2000');
    expect(first.io.out()).toContain('portal id          777');

    const second = await withEmulator(
      { ...defaults, data, appId: '2000', developerApiKey: 'k2' },
      async (url) => {
        const found = await (await fetch(`${url}/_spoke/records/deals?q=kept`)).json();
        expect(found).toMatchObject({ results: [{ properties: { dealname: 'Kept across restarts' } }] });
        const cards = await fetch(`${url}/crm/v3/extensions/cards-dev/2000?hapikey=k2`);
        expect(cards.status).toBe(200);
      },
    );
    expect(second.io.out()).toContain('client secret      s1');
    expect(second.io.out()).toContain('developer API key  k2');
  });

  test('answers usage errors with exit code 2', async () => {
    const io = memoryIo();
    expect(await runCli(['node', 'spoke', 'emulator', '--memory', '--data', 'x.db'], io)).toBe(2);
    expect(io.err()).toContain('cannot be used with');
    const port = memoryIo();
    expect(await runCli(['node', 'spoke', 'emulator', '--memory', '--port', '99999'], port)).toBe(2);
    expect(port.err()).toContain('CLI_OPTION_INVALID'.toLowerCase().replaceAll('_', '-'));
    expect(await runCli(['node', 'spoke', 'emulator', '--mode', 'modern'], memoryIo())).toBe(2);
    process.exitCode = 0;
  });

  test('prints help and version with exit code 0', async () => {
    const io = memoryIo();
    expect(await runCli(['node', 'spoke', '--help'], io)).toBe(0);
    expect(io.out()).toContain('emulator');
    const version = memoryIo();
    expect(await runCli(['node', 'spoke', '--version'], version)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
