import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runPull } from '../src/commands/pull.ts';
import { runPush } from '../src/commands/push.ts';
import { configJsonSchema } from '../src/config/config-json-schema.ts';
import { inProcessBase, inProcessEmulator, testApiKey } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;
let dir: string;

beforeEach(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  dir = await mkdtemp(join(tmpdir(), 'spoke-redirect-'));
});
afterEach(() => emulator.close());

const api = { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' };
const io = () => memoryIo({ cwd: dir, fetch: routed });
const write = (config: unknown) => writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config, null, 2));
const registered = async () =>
  ((await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as { redirectUrls?: unknown })
    .redirectUrls;

const callback = 'http://localhost:3500/oauth-callback';

describe('redirectUrls in spoke.config.json', () => {
  test('push registers them on the app, a second push changes nothing, pull writes them back, null removes them', async () => {
    await write({ appId: 1000, redirectUrls: [callback] });
    const pushed = io();
    expect(await runPush(api, pushed)).toBe(0);
    expect(pushed.out()).toContain(`~ app redirectUrls: null → ${JSON.stringify([callback])}`);
    expect(await registered()).toEqual([callback]);

    const again = io();
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);

    await write({ appId: 1000 });
    const pulled = io();
    expect(await runPull(api, pulled)).toBe(0);
    expect(pulled.out()).toContain(`redirect URLs ${callback}`);
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written.redirectUrls).toEqual([callback]);

    await write({ appId: 1000, redirectUrls: null });
    expect(await runPush(api, io())).toBe(0);
    expect(await registered()).toBeNull();
  });

  test.each([
    [['ftp://files.example.com/cb'], 'redirectUrls.0'],
    [[], 'at least one URL'],
  ])('%j is refused before the API is called', async (redirectUrls, text) => {
    await write({ appId: 1000, redirectUrls });
    await expect(runPush(api, io())).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [expect.stringContaining(text)],
    });
    expect(await registered()).toBeUndefined();
  });

  test('the JSON schema describes them for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.redirectUrls?.description).toContain('/oauth/authorize');
  });
});
