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

// The app settings spoke.config.json carries besides cards: push sets them, pull writes them back.

let emulator: Emulator;
let routed: typeof fetch;
let dir: string;

beforeEach(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  dir = await mkdtemp(join(tmpdir(), 'spoke-app-settings-'));
});
afterEach(() => emulator.close());

const api = { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' };
const io = () => memoryIo({ cwd: dir, fetch: routed });
const write = (config: unknown) => writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config, null, 2));
const onTheApp = async (name: string) =>
  ((await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as Record<string, unknown>)[name];

const callback = 'http://localhost:3500/oauth-callback';
interface AppSettingCase {
  name: 'permittedUrls' | 'redirectUrls';
  value: unknown;
  changed: unknown;
  /** What `spoke pull` prints for `value`. */
  pulledLine: string;
  /** A phrase of its description in the config's JSON schema. */
  described: string;
  /** Values refused before the API is called, and the reason given. */
  refused: [unknown, RegExp][];
}

const settings: AppSettingCase[] = [
  {
    name: 'permittedUrls',
    value: { fetch: ['https://app.example.com'], iframe: [], img: [] },
    changed: { fetch: ['https://app.example.com', 'https://hooks.example.com'] },
    pulledLine: 'permittedUrls.fetch https://app.example.com',
    described: 'hubspot.fetch',
    refused: [
      [
        { fetch: ['http://app.example.com'] },
        /^permittedUrls\.fetch\.0: .*hubspot\.fetch only calls HTTPS URLs/,
      ],
      [{ fetch: ['https://127.0.0.1:3500'] }, /^permittedUrls\.fetch\.0: .*does not call localhost/],
    ],
  },
  {
    name: 'redirectUrls',
    value: [callback],
    changed: [callback, 'https://tracker.example.com/oauth-callback'],
    pulledLine: `redirect URLs ${callback}`,
    described: '/oauth/authorize',
    refused: [
      [['ftp://files.example.com/cb'], /^redirectUrls\.0: /],
      [[], /at least one URL/],
    ],
  },
];

describe.each(settings)('$name in spoke.config.json', (setting) => {
  test('push sets it on the app, a second push changes nothing, pull writes it back, a change is pushed, null removes it', async () => {
    await write({ appId: 1000, [setting.name]: setting.value });
    const pushed = io();
    expect(await runPush(api, pushed)).toBe(0);
    expect(pushed.out()).toContain(`~ app ${setting.name}: null → ${JSON.stringify(setting.value)}`);
    expect(await onTheApp(setting.name)).toEqual(setting.value);

    const again = io();
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);

    await write({ appId: 1000 });
    const pulled = io();
    expect(await runPull(api, pulled)).toBe(0);
    expect(pulled.out()).toContain(setting.pulledLine);
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written[setting.name]).toEqual(setting.value);

    await write({ appId: 1000, [setting.name]: setting.changed });
    const changed = io();
    expect(await runPush(api, changed)).toBe(0);
    expect(changed.out()).toContain(`~ app ${setting.name}:`);
    expect(await onTheApp(setting.name)).toEqual(setting.changed);

    await write({ appId: 1000, [setting.name]: null });
    expect(await runPush(api, io())).toBe(0);
    expect(await onTheApp(setting.name)).toBeNull();
  });

  test.each(setting.refused)('%j is refused before the API is called, saying why', async (value, reason) => {
    await write({ appId: 1000, [setting.name]: value });
    await expect(runPush(api, io())).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [expect.stringMatching(reason)],
    });
    expect(await onTheApp(setting.name)).toBeUndefined();
  });

  test('the JSON schema describes it for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties[setting.name]?.description).toContain(setting.described);
  });
});
