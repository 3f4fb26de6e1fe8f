import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { triggerAction } from '../src/trigger/trigger-action.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { type BareService, conformingService } from './helpers/bare-services.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey, testSecret } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;
let service: BareService;
let dir: string;

beforeAll(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  service = await conformingService(testSecret);
  dir = await mkdtemp(join(tmpdir(), 'spoke-trigger-permitted-'));
});
afterAll(async () => {
  await emulator.close();
  await service.close();
});

async function push(extra: Record<string, unknown>): Promise<void> {
  const card = configCard({
    fetch: { targetUrl: `${service.origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
    display: { properties: [{ name: 'status', label: 'Status', dataType: 'STRING', options: [] }] },
    actions: { baseUrls: [service.origin] },
  });
  await writeFile(join(dir, 'spoke.config.json'), JSON.stringify({ cards: [card], ...extra }));
  const code = await runPush(
    { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' },
    memoryIo({ cwd: dir, fetch: routed }),
  );
  expect(code).toBe(0);
}

const trigger = async () => {
  const out = memoryIo({ fetch: routed, now: Date.now });
  const code = await triggerCard(
    { emulator: inProcessBase, record: 'contacts:101', param: [], baseUrl: [], title: 'Card' },
    out,
  );
  return { code, text: out.out() };
};

describe('spoke trigger --emulator and permittedUrls', () => {
  test('a converter card outside permittedUrls.fetch renders, and the output says production refuses it', async () => {
    await push({ mode: 'converter', permittedUrls: { fetch: ['https://app.example.com'] } });
    const { code, text } = await trigger();
    expect(code).toBe(0);
    expect(text).toContain('&appId=1000');
    expect(text).toContain('DISPATCH_URL_NOT_PERMITTED');
    expect(text).toContain('refused in production: hubspot.fetch does not call localhost');
    expect(text).toContain("is not in the app's permittedUrls.fetch (it lists https://app.example.com)");
  });

  test('legacy cards are not judged', async () => {
    await push({ mode: 'legacy', permittedUrls: { fetch: ['https://app.example.com'] } });
    const { text } = await trigger();
    expect(text).not.toContain('DISPATCH_URL_NOT_PERMITTED');
  });
});

describe('spoke trigger --permitted-url, without --emulator', () => {
  test('a converter action outside the list is sent, and the output says production refuses it', async () => {
    const out = memoryIo({ now: Date.now });
    const code = await triggerAction(
      {
        url: `${service.origin}/action`,
        method: 'POST',
        prop: [],
        label: 'Close',
        mode: 'converter',
        secret: testSecret,
        permittedUrl: ['https://app.example.com'],
      },
      out,
    );
    expect(code).toBe(0);
    expect(out.out()).toContain('the user sees: Close succeeded.');
    expect(out.out()).toContain("is not in the app's permittedUrls.fetch (it lists https://app.example.com)");
  });

  test('without the option nothing is judged', async () => {
    const out = memoryIo({ now: Date.now });
    await triggerAction(
      {
        url: `${service.origin}/action`,
        method: 'POST',
        prop: [],
        label: 'Close',
        mode: 'converter',
        secret: testSecret,
      },
      out,
    );
    expect(out.out()).not.toContain('DISPATCH_URL_NOT_PERMITTED');
  });

  test('an http entry, or the option with --emulator, is a usage error', async () => {
    const run = (extra: Record<string, unknown>) =>
      triggerAction(
        {
          url: `${service.origin}/action`,
          method: 'POST',
          prop: [],
          label: 'Close',
          secret: testSecret,
          ...extra,
        },
        memoryIo({ fetch: routed, now: Date.now }),
      );
    await expect(run({ permittedUrl: ['http://app.example.com'] })).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
      message: expect.stringContaining('hubspot.fetch only calls HTTPS URLs'),
    });
    await expect(
      run({ emulator: inProcessBase, record: 'contacts:101', permittedUrl: ['https://app.example.com'] }),
    ).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
      message: expect.stringContaining('without --emulator'),
    });
  });
});
