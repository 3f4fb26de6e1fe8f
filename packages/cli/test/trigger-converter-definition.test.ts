import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { type BareService, conformingService } from './helpers/bare-services.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey, testSecret } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

// An app in converter mode whose card has a BOOLEAN display property: HubSpot's card converter
// refuses the definition before it fetches, and `spoke trigger` says so instead of a reply.
let emulator: Emulator;
let routed: typeof fetch;
let service: BareService;

beforeAll(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  service = await conformingService(testSecret);
  const dir = await mkdtemp(join(tmpdir(), 'spoke-trigger-converter-'));
  const card = configCard({
    fetch: { targetUrl: `${service.origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
    display: { properties: [{ name: 'done', label: 'Done', dataType: 'BOOLEAN', options: [] }] },
    actions: { baseUrls: [service.origin] },
  });
  await writeFile(join(dir, 'spoke.config.json'), JSON.stringify({ mode: 'converter', cards: [card] }));
  await runPush(
    { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' },
    memoryIo({ cwd: dir, fetch: routed }),
  );
});
afterAll(async () => {
  await emulator.close();
  await service.close();
});

describe('spoke trigger --emulator, converter mode', () => {
  test('a definition the converter refuses: nothing sent, and the output says why and how to fix it', async () => {
    const out = memoryIo({ fetch: routed, now: Date.now });
    const options = {
      emulator: inProcessBase,
      record: 'contacts:101',
      param: [],
      baseUrl: [],
      title: 'Card',
    };
    expect(await triggerCard(options, out)).toBe(1);
    expect(out.out()).toContain('no reply');
    expect(out.out()).toContain(
      "DISPATCH_CONVERTER_DEFINITION_INVALID: not sent: HubSpot's Legacy CRM Card Converter checks the card definition before it fetches",
    );
    expect(out.out()).toContain(
      'definition.display.properties.0: done: the converter has no BOOLEAN display property',
    );
    const legacy = memoryIo({ fetch: routed, now: Date.now });
    expect(await triggerCard({ ...options, mode: 'legacy' }, legacy)).toBe(0);
    expect(legacy.out()).not.toContain('DISPATCH_CONVERTER_DEFINITION_INVALID');
  });
});
