import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { triggerAction } from '../src/trigger/trigger-action.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { triggerChannelConnection } from '../src/trigger/trigger-channel-connection.ts';
import { triggerShareVia } from '../src/trigger/trigger-share-via.ts';
import { type BareService, brokenCardService, conformingService } from './helpers/bare-services.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'trigger-secret';
let service: BareService;

beforeAll(async () => {
  service = await conformingService(secret);
});
afterAll(() => service.close());

describe('spoke trigger (direct)', () => {
  test('fetches a card signed v2 + v3 and renders it as text with its verdicts', async () => {
    const io = memoryIo({ now: Date.now });
    const code = await triggerCard(
      {
        url: `${service.origin}/card`,
        secret,
        param: ['email=ada@example.com'],
        baseUrl: [],
        title: 'Issues',
      },
      io,
    );
    expect(code).toBe(0);
    const text = io.out();
    expect(text).toContain(
      `→ GET ${service.origin}/card?userId=1&userEmail=dev@spoke.local&associatedObjectId=51&associatedObjectType=CONTACT&portalId=62515&email=ada@example.com`,
    );
    expect(text).toMatch(/← 200 \(connect [\d.]+ ms of 3000 ms, total [\d.]+ ms of 5000 ms\)/);
    expect(text).toContain('┌ Issues (1)  [legacy]');
    expect(text).toContain('│   Impact  94.34 GBP');
    expect(text).toContain(`[Close] ACTION_HOOK POST ${service.origin}/action`);
    expect(text).toContain('✓ REPLY_VALID');
  });

  test('flags six results and an action outside baseUrls, exit 1', async () => {
    const broken = await brokenCardService(0);
    try {
      const io = memoryIo({ now: Date.now });
      const code = await triggerCard(
        { url: `${broken.origin}/card`, secret, param: [], baseUrl: [], title: 'Card', json: true },
        io,
      );
      expect(code).toBe(1);
      const report = JSON.parse(io.out());
      expect(report.ok).toBe(false);
      expect(report.exchange.schemaIssues).toEqual([
        { path: 'results', message: 'must have at most 5 items; got 6' },
      ]);
      const strict = memoryIo({ now: Date.now });
      await triggerCard(
        {
          url: `${service.origin}/card`,
          secret,
          param: [],
          baseUrl: ['https://elsewhere.example.com'],
          title: 'Card',
        },
        strict,
      );
      expect(strict.out()).toContain('✗ CARD_ACTION_OUTSIDE_BASE_URLS results.0.actions.0.uri');
    } finally {
      await broken.close();
    }
  });

  test('sends a converter-mode action with the query and JSON body and shows the converter alert', async () => {
    const io = memoryIo({ now: Date.now });
    const before = service.received.length;
    const code = await triggerAction(
      {
        url: `${service.origin}/action`,
        method: 'POST',
        prop: ['status=closed'],
        mode: 'converter',
        label: 'Close',
        secret,
      },
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toContain('the user sees: Close succeeded.');
    const sent = service.received[before];
    expect(sent?.url).toContain('status=closed&appId=1000');
    expect(JSON.parse(sent?.body ?? '')).toMatchObject({ status: 'closed', portalId: '62515' });
  });

  test('sends one Share Via event and plays the whole flow', async () => {
    const one = memoryIo({ now: Date.now });
    expect(await triggerShareVia('fetch-recipients', { base: `${service.origin}/share`, secret }, one)).toBe(
      0,
    );
    expect(one.out()).toContain('FETCH_RECIPIENTS ok: replied {"recipients":{"total":1');
    const flow = memoryIo({ now: Date.now });
    expect(
      await triggerShareVia(
        'flow',
        { base: `${service.origin}/share`, secret, message: 'Weekly', json: true },
        flow,
      ),
    ).toBe(0);
    const report = JSON.parse(flow.out());
    expect(report.steps.map((s: { event: string }) => s.event)).toEqual([
      'CHECK_PERMISSIONS',
      'FETCH_RECIPIENTS',
      'FETCH_RECIPIENT',
      'SHARE_OBJECT',
    ]);
  });

  test('lists channel-connection numbers as the picker shows them', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerChannelConnection({ url: `${service.origin}/channels`, secret }, io)).toBe(0);
    expect(io.out()).toContain('○ Support line  +18001231234');
  });

  test('fails with 401 verdicts when the secret is wrong', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerChannelConnection({ url: `${service.origin}/channels`, secret: 'nope' }, io)).toBe(1);
    expect(io.out()).toContain('← 401');
    expect(io.out()).toContain('✗ DISPATCH_STATUS_NOT_OK');
  });

  test('refuses missing or malformed options as usage errors', async () => {
    await expect(
      triggerCard({ url: 'http://127.0.0.1:1/card', param: [], baseUrl: [], title: 'C' }, memoryIo()),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID', exitCode: 2 });
    await expect(
      triggerCard(
        { url: 'http://127.0.0.1:1/card', secret, record: 'people:1', param: [], baseUrl: [], title: 'C' },
        memoryIo(),
      ),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
    await expect(
      triggerShareVia('NOPE', { base: 'http://127.0.0.1:1', secret }, memoryIo()),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
    await expect(
      triggerShareVia(
        'CHECK_PERMISSIONS',
        { base: 'http://127.0.0.1:1', secret, payload: '[1]' },
        memoryIo(),
      ),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
  });
});
