import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runEmulator } from '../src/commands/emulator.ts';
import { runPush } from '../src/commands/push.ts';
import { createEmulatorClient, emulatorToken } from '../src/trigger/emulator-client.ts';
import { configCard } from './helpers/fixtures.ts';
import { memoryIo } from './helpers/memory-io.ts';

// `spoke emulator --host 0.0.0.0` requires a token and says so; the CLI's clients send it.
// The socket is bound to 0.0.0.0 only for this test, and traffic goes to 127.0.0.1 only.

/** Runs `runEmulator` until `during` is done, then stops it like Ctrl-C. */
async function withEmulator(
  args: Parameters<typeof runEmulator>[0],
  env: Record<string, string>,
  during: (out: string, err: string) => Promise<void>,
) {
  const io = memoryIo({ fetch: globalThis.fetch, env });
  let failure: unknown = null;
  const code = await runEmulator(args, io, () =>
    during(io.out(), io.err()).catch((error: unknown) => {
      failure = error;
    }),
  );
  if (failure) throw failure;
  return code;
}

const defaults = { port: '0', data: '.spoke/emulator.db', memory: true };

describe('spoke emulator beyond loopback', () => {
  test('--host 0.0.0.0 prints the URL with ?token=, the token and the warning; clients need --token or SPOKE_EMULATOR_TOKEN', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spoke-token-'));
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify({ cards: [configCard()] }));
    const code = await withEmulator({ ...defaults, host: '0.0.0.0' }, {}, async (out, err) => {
      const match = /ready at http:\/\/0\.0\.0\.0:(\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      expect(match, out).not.toBeNull();
      const [, port, token = ''] = match ?? [];
      expect(out).toContain(`access token       ${token}`);
      expect(err).toMatch(/listens on 0\.0\.0\.0.*client secrets and the developer API key/);
      expect(err).toContain('docs/security.md');
      const base = `http://127.0.0.1:${port}`;

      // The control API client (spoke trigger --emulator).
      await expect(createEmulatorClient(base, fetch).mode()).rejects.toThrow(
        /--token or set SPOKE_EMULATOR_TOKEN/,
      );
      expect(await createEmulatorClient(base, fetch, token).mode()).toBe('legacy');

      // The developer API client (spoke push / pull), by flag and by environment.
      const without = memoryIo({ cwd: dir, fetch });
      await expect(
        runPush({ api: base, appId: '1000', config: 'spoke.config.json' }, without),
      ).rejects.toThrow(/--token or set SPOKE_EMULATOR_TOKEN/);
      const byFlag = memoryIo({ cwd: dir, fetch });
      expect(
        await runPush({ api: base, appId: '1000', config: 'spoke.config.json', token }, byFlag),
        byFlag.err(),
      ).toBe(0);
      const byEnv = memoryIo({ cwd: dir, fetch, env: { SPOKE_EMULATOR_TOKEN: token } });
      expect(
        await runPush({ api: base, appId: '1000', config: 'spoke.config.json' }, byEnv),
        byEnv.err(),
      ).toBe(0);
    });
    expect(code).toBe(0);
  });

  test('SPOKE_EMULATOR_TOKEN fixes the token (also on loopback); a short one is a usage error', async () => {
    const token = 'fixed-token-for-this-test';
    const code = await withEmulator(
      { ...defaults, host: '127.0.0.1' },
      { SPOKE_EMULATOR_TOKEN: token },
      async (out) => {
        const port = /ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
        expect(out).toContain(`?token=${token}`);
        const base = `http://127.0.0.1:${port}`;
        expect((await fetch(`${base}/_spoke/info`)).status).toBe(401);
        expect(
          (await fetch(`${base}/_spoke/info`, { headers: { authorization: `Bearer ${token}` } })).status,
        ).toBe(200);
      },
    );
    expect(code).toBe(0);
    await expect(
      runEmulator({ ...defaults, host: '127.0.0.1', token: 'short' }, memoryIo(), async () => undefined),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
  });

  test('emulatorToken: --token wins over SPOKE_EMULATOR_TOKEN; empty means none', () => {
    expect(emulatorToken({ token: 'a' }, { SPOKE_EMULATOR_TOKEN: 'b' })).toBe('a');
    expect(emulatorToken({}, { SPOKE_EMULATOR_TOKEN: 'b' })).toBe('b');
    expect(emulatorToken({}, { SPOKE_EMULATOR_TOKEN: '' })).toBeUndefined();
  });
});
