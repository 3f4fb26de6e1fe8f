import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { cardDefinitionListSchema } from '@spoke/protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { configWarnings } from '../src/config/config-warnings.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;
let dir: string;

beforeEach(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  dir = await mkdtemp(join(tmpdir(), 'spoke-push-warnings-'));
});
afterEach(() => emulator.close());

const api = { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' };
const io = () => memoryIo({ cwd: dir, fetch: routed, env: {} });

const card = configCard();
const misplaced = {
  appId: 1000,
  cards: [
    {
      ...card,
      targetUrl: 'https://svc.example.com/other',
      baseUrls: ['https://svc.example.com'],
      fetch: { ...card.fetch, propertiesToSend: ['email'] },
    },
  ],
  calling: { name: 'Dialer', url: 'https://dialer.example.com/app', heigth: 400 },
};

describe('spoke push names the config fields HubSpot would ignore', () => {
  test('each misplaced or misspelled field is a warning with its path; the push still applies', async () => {
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(misplaced));
    const run = io();
    expect(await runPush(api, run)).toBe(0);
    const lines = run
      .out()
      .split('\n')
      .filter((line) => line.startsWith('warning: '));
    expect(lines.map((line) => line.slice(line.indexOf(' ', 'warning: '.length) + 1))).toEqual([
      'calling.heigth: HubSpot ignores `heigth`; did you mean `height`? (push leaves it out)',
      'cards.0.baseUrls: HubSpot ignores `baseUrls` here; it belongs at actions.baseUrls (push leaves it out)',
      'cards.0.fetch.propertiesToSend: HubSpot ignores `propertiesToSend` here; it belongs at fetch.objectTypes[].propertiesToSend (one list per object type) (push leaves it out)',
      'cards.0.targetUrl: HubSpot ignores `targetUrl` here; it belongs at fetch.targetUrl (push leaves it out)',
    ]);
    expect(run.out()).toContain('applied 2 of 2 changes');
    const cards = cardDefinitionListSchema.parse(
      await (await routed(`${inProcessBase}/crm/v3/extensions/cards-dev/1000?hapikey=${testApiKey}`)).json(),
    );
    expect(cards.results[0]?.fetch).toEqual(card.fetch);
  });

  test('--json carries them as warnings[]', async () => {
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(misplaced));
    const run = io();
    expect(await runPush({ ...api, json: true }, run)).toBe(0);
    const out = JSON.parse(run.out()) as { warnings: { path: string }[] };
    expect(out.warnings.map((w) => w.path)).toEqual([
      'calling.heigth',
      'cards.0.baseUrls',
      'cards.0.fetch.propertiesToSend',
      'cards.0.targetUrl',
    ]);
  });

  test("a card's own keys (key, renamedFrom) and a clean config give none", () => {
    expect(configWarnings({ appId: 1000, cards: [{ ...card, renamedFrom: 'Old' }] })).toEqual([]);
  });
});

describe('spoke push names the cards the card converter refuses, for an app in converter mode', () => {
  const refused = {
    appId: 1000,
    mode: 'converter',
    cards: [{ ...card, display: { properties: [{ name: 'done', label: 'Done', dataType: 'BOOLEAN' }] } }],
  };

  test('each problem is a warning with its path and the converter line; the push still applies', async () => {
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(refused));
    const run = io();
    expect(await runPush(api, run)).toBe(0);
    const lines = run
      .out()
      .split('\n')
      .filter((line) => line.startsWith('warning: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      "cards.0.display.properties.0: the app is in converter mode, and HubSpot's card converter refuses this card: done: the converter has no BOOLEAN display property",
    );
    expect(lines[0]).toContain('(it lists "Invalid input")');
    expect(run.out()).toContain('applied');
  });

  test('--json carries them; the same cards for an app in legacy mode give none', async () => {
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(refused));
    const json = io();
    expect(await runPush({ ...api, json: true }, json)).toBe(0);
    const out = JSON.parse(json.out()) as { warnings: { path: string }[] };
    expect(out.warnings.map((w) => w.path)).toEqual(['cards.0.display.properties.0']);
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify({ ...refused, mode: 'legacy' }));
    const legacy = io();
    expect(await runPush({ ...api, json: true }, legacy)).toBe(0);
    expect((JSON.parse(legacy.out()) as { warnings: unknown[] }).warnings).toEqual([]);
  });
});
