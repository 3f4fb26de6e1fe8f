// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { cardDefinitionListSchema } from '@spoke/protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runPull } from '../src/commands/pull.ts';
import { runPush } from '../src/commands/push.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;
let dir: string;

beforeEach(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  dir = await mkdtemp(join(tmpdir(), 'spoke-push-'));
});
afterEach(() => emulator.close());

const api = { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' };
const io = (env: Record<string, string> = {}) => memoryIo({ cwd: dir, fetch: routed, env });

async function write(config: unknown): Promise<void> {
  await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config, null, 2));
}

const fullConfig = {
  appId: 1000,
  cards: [
    configCard({
      fetch: {
        targetUrl: '${SERVICE_URL:-http://127.0.0.1:3500}/hubspot/card',
        objectTypes: [{ name: 'contacts', propertiesToSend: ['email'] }],
      },
    }),
  ],
  calling: { name: 'Dialer', url: 'https://dialer.example.com/app', isReady: true },
  channelConnection: { url: 'https://svc.example.com/channels', isReady: true },
  shareVia: { targetBaseUrl: 'https://svc.example.com/share' },
};

describe('spoke push', () => {
  test('creates everything, then a second run changes nothing', async () => {
    await write(fullConfig);
    const first = io();
    expect(await runPush(api, first)).toBe(0);
    expect(first.out()).toContain('+ card "Issues" (issues): create');
    expect(first.out()).toContain('+ calling settings: create');
    expect(first.out()).toContain('~ Share Via target: null → "https://svc.example.com/share"');
    expect(first.out()).toContain('applied 4 of 4 changes');
    const second = io();
    expect(await runPush({ ...api, json: true }, second)).toBe(0);
    expect(JSON.parse(second.out())).toMatchObject({ ok: true, changes: [], applied: 0 });
    const cards = cardDefinitionListSchema.parse(
      await (await routed(`${inProcessBase}/crm/v3/extensions/cards-dev/1000?hapikey=${testApiKey}`)).json(),
    );
    expect(cards.results[0]?.fetch.targetUrl).toBe('http://127.0.0.1:3500/hubspot/card');
  });

  test('updates changed fields, deletes unlisted cards, and --dry-run changes nothing', async () => {
    await write(fullConfig);
    await runPush(api, io());
    await write({
      ...fullConfig,
      cards: [configCard({ key: 'bugs', title: 'Bugs' })],
      calling: { ...fullConfig.calling, isReady: false },
    });
    const dry = io({ SERVICE_URL: 'http://svc.test' });
    expect(await runPush({ ...api, dryRun: true }, dry)).toBe(0);
    expect(dry.out()).toContain('(dry run)');
    expect(dry.out()).toMatch(/- card "Issues" \[id \d+\]: delete \(not in the config\)/);
    expect(dry.out()).toContain('+ card "Bugs" (bugs): create');
    expect(dry.out()).toContain('    isReady: true → false');
    expect(dry.out()).toContain('3 changes (1 create, 1 update, 1 delete)');
    const still = io();
    await runPush({ ...api, dryRun: true, json: true }, still);
    expect(JSON.parse(still.out()).changes).toHaveLength(3);
  });

  test('refuses an invalid config and one with 26 cards before touching the API', async () => {
    let calls = 0;
    const counting = memoryIo({
      cwd: dir,
      fetch: (() => {
        calls += 1;
        return Promise.reject(new Error('must not be called'));
      }) as typeof fetch,
    });
    await write({
      cards: Array.from({ length: 26 }, (_, i) => configCard({ key: `c${i}`, title: `Card ${i}` })),
    });
    await expect(runPush(api, counting)).rejects.toMatchObject({
      code: 'CONFIG_TOO_MANY_CARDS',
      exitCode: 2,
    });
    await write({ cards: [{ ...configCard(), fetch: { targetUrl: 'ftp://x', objectTypes: [] } }] });
    await expect(runPush(api, counting)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(calls).toBe(0);
  });

  test('reads the developer key from the emulator when none is given', async () => {
    await write({ cards: [configCard()] });
    const out = io();
    expect(await runPush({ api: inProcessBase, appId: '1000', config: 'spoke.config.json' }, out)).toBe(0);
    expect(out.out()).toContain('applied 1 of 1 changes');
  });

  test('reports a wrong developer key and an unreachable API with their codes', async () => {
    await write({ cards: [] });
    await expect(runPush({ ...api, hapikey: 'wrong' }, io())).rejects.toMatchObject({
      code: 'DEVELOPER_API_REFUSED',
      message: expect.stringContaining('answered 401'),
    });
    await expect(
      runPush({ ...api, api: 'http://127.0.0.1:9' }, memoryIo({ cwd: dir, fetch: globalThis.fetch })),
    ).rejects.toMatchObject({
      code: 'DEVELOPER_API_UNREACHABLE',
      exitCode: 1,
    });
  });
});

describe('spoke pull', () => {
  test('writes the remote state, keeps ${VAR} values and keys, and push then finds nothing to do', async () => {
    await write(fullConfig);
    await runPush(api, io());
    // Change the remote behind the file's back: a new card created through the API.
    const { key: _key, ...body } = configCard({ key: 'x', title: 'Made elsewhere' });
    await routed(`${inProcessBase}/crm/v3/extensions/cards-dev/1000?hapikey=${testApiKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const pulled = io();
    expect(await runPull(api, pulled)).toBe(0);
    expect(pulled.out()).toContain('2 cards, calling settings, channel connection, Share Via target');
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written.cards.map((c: { key: string }) => c.key)).toEqual(['issues', 'made-elsewhere']);
    expect(written.cards[0].fetch.targetUrl).toBe('${SERVICE_URL:-http://127.0.0.1:3500}/hubspot/card');
    expect(written.calling).toEqual(fullConfig.calling);
    expect(written.shareVia).toEqual(fullConfig.shareVia);
    const again = io();
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);
  });
});

describe('the emulator settings of the app: publicUrl and mode', () => {
  test('push sets them on the app, pull writes them back (${VAR} kept), and null clears them', async () => {
    await write({ appId: 1000, publicUrl: '${PUBLIC_URL}', mode: 'converter' });
    const env = { PUBLIC_URL: 'https://abc.ngrok.app' };
    const pushed = io(env);
    expect(await runPush(api, pushed)).toBe(0);
    expect(pushed.out()).toContain('~ app publicUrl: null → "https://abc.ngrok.app"');
    expect(pushed.out()).toContain('~ app mode: null → "converter"');
    const app = await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json();
    expect(app).toMatchObject({ publicUrl: 'https://abc.ngrok.app', mode: 'converter' });

    const pulled = io(env);
    expect(await runPull(api, pulled)).toBe(0);
    expect(pulled.out()).toContain('public URL https://abc.ngrok.app, converter mode');
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written).toMatchObject({ publicUrl: '${PUBLIC_URL}', mode: 'converter' });
    const again = io(env);
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);

    await write({ appId: 1000, publicUrl: null, mode: null });
    expect(await runPush(api, io(env))).toBe(0);
    const cleared = await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json();
    expect(cleared).toMatchObject({ publicUrl: null, mode: null });
  });

  test("a card's own publicUrl: set after the card is created, pulled back, removed when the file drops it", async () => {
    const tunnelled = { ...configCard(), publicUrl: 'https://cards.example.com' };
    await write({ appId: 1000, cards: [tunnelled] });
    const pushed = io();
    expect(await runPush(api, pushed)).toBe(0);
    expect(pushed.out()).toContain('~ card "Issues" (issues) publicUrl: null → "https://cards.example.com"');
    const app = (await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as {
      cardPublicUrls: Record<string, string>;
    };
    expect(Object.values(app.cardPublicUrls)).toEqual(['https://cards.example.com']);

    expect(await runPull(api, io())).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8'));
    expect(written.cards[0].publicUrl).toBe('https://cards.example.com');
    const again = io();
    await runPush({ ...api, json: true }, again);
    expect(JSON.parse(again.out()).changes).toEqual([]);

    await write({ appId: 1000, cards: [configCard()] });
    const dropped = io();
    expect(await runPush(api, dropped)).toBe(0);
    expect(dropped.out()).toContain('~ card "Issues" (issues) publicUrl: "https://cards.example.com" → null');
    const cleared = (await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as {
      cardPublicUrls: Record<string, string>;
    };
    expect(cleared.cardPublicUrls).toEqual({});
  });

  test('a publicUrl with a query, or an unknown mode, is refused before the API is called', async () => {
    await write({ publicUrl: 'https://abc.ngrok.app/?x=1' });
    await expect(runPush(api, io())).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [expect.stringMatching(/^publicUrl: /)],
    });
    await write({ mode: 'modern' });
    await expect(runPush(api, io())).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: [expect.stringMatching(/^mode: /)],
    });
  });
});
