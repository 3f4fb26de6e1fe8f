import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { triggerAction } from '../src/trigger/trigger-action.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { triggerChannelConnection } from '../src/trigger/trigger-channel-connection.ts';
import { triggerShareVia } from '../src/trigger/trigger-share-via.ts';
import { type BareService, conformingService } from './helpers/bare-services.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey, testSecret } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

let emulator: Emulator;
let routed: typeof fetch;
let service: BareService;

beforeAll(async () => {
  ({ emulator, fetch: routed } = await inProcessEmulator());
  service = await conformingService(testSecret);
  const dir = await mkdtemp(join(tmpdir(), 'spoke-trigger-'));
  const card = configCard({
    fetch: {
      targetUrl: `${service.origin}/card`,
      objectTypes: [{ name: 'contacts', propertiesToSend: ['email'] }],
    },
    actions: { baseUrls: [service.origin] },
  });
  const config = {
    cards: [card],
    channelConnection: { url: `${service.origin}/channels`, isReady: true },
    shareVia: { targetBaseUrl: `${service.origin}/share` },
  };
  await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config));
  await runPush(
    { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' },
    memoryIo({ cwd: dir, fetch: routed }),
  );
});
afterAll(async () => {
  await emulator.close();
  await service.close();
});

const io = () => memoryIo({ fetch: routed, now: Date.now });
const getJson = async <T>(path: string) => (await (await routed(`${inProcessBase}${path}`)).json()) as T;
const requests = async () => (await getJson<{ results: { kind: string }[] }>('/_spoke/requests')).results;

describe('spoke trigger --emulator', () => {
  test('opens a record through the emulator, so the fetch shows in its request log', async () => {
    const out = io();
    expect(
      await triggerCard(
        { emulator: inProcessBase, record: 'contacts:101', param: [], baseUrl: [], title: 'Card' },
        out,
      ),
    ).toBe(0);
    expect(out.out()).toContain('┌ Issues (1)  [legacy]');
    expect(out.out()).toContain('in the inspector: http://emulator.test/');
    expect((await requests()).some((r) => r.kind === 'crm-card.fetch')).toBe(true);
  });

  test('says which requested property was not sent because the record has no value for it', async () => {
    const created = await routed(`${inProcessBase}/_spoke/records/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { firstname: 'No email' } }),
    });
    const { id } = (await created.json()) as { id: string };
    const out = io();
    await triggerCard(
      { emulator: inProcessBase, record: `contacts:${id}`, param: [], baseUrl: [], title: 'Card' },
      out,
    );
    expect(out.out()).toContain(
      'i DISPATCH_PROPERTY_NOT_SENT: not sent: the record has no value for email (named in propertiesToSend)',
    );
  });

  test('switches the emulator to converter mode for one call and back', async () => {
    const out = io();
    expect(
      await triggerAction(
        {
          emulator: inProcessBase,
          url: `${service.origin}/action`,
          method: 'POST',
          prop: [],
          mode: 'converter',
          label: 'Close',
        },
        out,
      ),
    ).toBe(0);
    expect(out.out()).toContain('the user sees: Close succeeded.');
    expect(out.err()).toContain('switching the emulator to converter mode');
    expect((await getJson<{ mode: string }>('/_spoke/mode')).mode).toBe('legacy');
  });

  test('runs the Share Via flow and channel connection through the emulator', async () => {
    const flow = io();
    expect(await triggerShareVia('flow', { emulator: inProcessBase, message: 'Weekly numbers' }, flow)).toBe(
      0,
    );
    expect(flow.out()).toContain('SHARE_OBJECT ok');
    const numbers = io();
    expect(await triggerChannelConnection({ emulator: inProcessBase }, numbers)).toBe(0);
    expect(numbers.out()).toContain('Support line  +18001231234');
  });

  test('refuses --param through the emulator and says so', async () => {
    await expect(
      triggerCard({ emulator: inProcessBase, param: ['a=b'], baseUrl: [], title: 'C' }, io()),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
  });
});
