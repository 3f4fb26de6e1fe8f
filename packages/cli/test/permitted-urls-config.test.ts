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
  dir = await mkdtemp(join(tmpdir(), 'spoke-permitted-'));
});
afterEach(() => emulator.close());

const api = { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' };
const io = () => memoryIo({ cwd: dir, fetch: routed });
const write = (config: unknown) => writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config, null, 2));
const appSettings = async () =>
  ((await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as { permittedUrls?: unknown })
    .permittedUrls;

const permittedUrls = { fetch: ['https://app.example.com'], iframe: [], img: [] };

describe('permittedUrls in spoke.config.json', () => {
  test('push sets them on the app, a second push changes nothing, pull writes them back, null removes them', async () => {
    await write({ appId: 1000, permittedUrls });
    const pushed = io();
    expect(await runPush(api, pushed)).toBe(0);
    expect(pushed.out()).toContain(`~ app permittedUrls: null → ${JSON.stringify(permittedUrls)}`);
    expect(await appSettings()).toEqual(permittedUrls);

    const again = io();
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);

    await write({ appId: 1000 });
    const pulled = io();
    expect(await runPull(api, pulled)).toBe(0);
    expect(pulled.out()).toContain('permittedUrls.fetch https://app.example.com');
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written.permittedUrls).toEqual(permittedUrls);

    await write({
      appId: 1000,
      permittedUrls: { fetch: ['https://app.example.com', 'https://hooks.example.com'] },
    });
    const added = io();
    expect(await runPush(api, added)).toBe(0);
    expect(added.out()).toContain('~ app permittedUrls:');
    expect(await appSettings()).toEqual({ fetch: ['https://app.example.com', 'https://hooks.example.com'] });

    await write({ appId: 1000, permittedUrls: null });
    expect(await runPush(api, io())).toBe(0);
    expect(await appSettings()).toBeNull();
  });

  test.each([
    ['http://app.example.com', 'hubspot.fetch only calls HTTPS URLs'],
    ['https://127.0.0.1:3500', 'does not call localhost'],
  ])('%s is refused before the API is called, saying why', async (entry, text) => {
    await write({ appId: 1000, permittedUrls: { fetch: [entry] } });
    await expect(runPush(api, io())).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [expect.stringMatching(new RegExp(`^permittedUrls\\.fetch\\.0: .*${text}`))],
    });
    expect(await appSettings()).toBeUndefined();
  });

  test('the JSON schema describes them for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.permittedUrls?.description).toContain('hubspot.fetch');
  });
});
