import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CheckCommandOptions, runCheckCommand } from '../src/commands/check.ts';
import {
  type BareService,
  brokenCardService,
  conformingService,
  vulnerableCardService,
} from './helpers/bare-services.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'check-secret';
let good: BareService;

beforeAll(async () => {
  good = await conformingService(secret);
});
afterAll(() => good.close());

function options(overrides: Partial<CheckCommandOptions>): CheckCommandOptions {
  return { secret, kind: 'card', method: 'POST', baseUrl: [], ...overrides };
}

describe('spoke check', () => {
  test.each([
    ['card', '/card', 19],
    ['action', '/action', 18],
    ['share-via', '/share', 18],
    ['channel-connection', '/channels', 13],
  ] as const)('passes every %s case against a conforming service', async (kind, path, count) => {
    const io = memoryIo({ now: Date.now });
    const code = await runCheckCommand(`${good.origin}${path}`, options({ kind, json: true }), io);
    const report = JSON.parse(io.out());
    expect(report.cases.filter((c: { pass: boolean }) => !c.pass)).toEqual([]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, kind, passed: count, failed: 0 });
  });

  test('sends the legacy form body and the converter query + JSON body', async () => {
    const before = good.received.length;
    await runCheckCommand(
      `${good.origin}/action`,
      options({ kind: 'action', only: 'legacy-encoding,converter-encoding' }),
      memoryIo({ now: Date.now }),
    );
    const [legacy, converter] = good.received.slice(before);
    expect(legacy?.body).toContain('userId=1&userEmail=dev%40spoke.local');
    expect(converter?.url).toContain('appId=1000');
    expect(JSON.parse(converter?.body ?? '')).toMatchObject({
      userId: '1',
      associatedObjectType: 'CONTACT',
      firstname: 'Ada',
    });
  });

  test('fails a broken service with a reason per case and exit 1', async () => {
    const broken = await brokenCardService(300);
    try {
      const io = memoryIo({ now: Date.now });
      const code = await runCheckCommand(
        `${broken.origin}/card`,
        options({ deadline: '200', only: 'valid,wrong-secret,stale-timestamp' }),
        io,
      );
      expect(code).toBe(1);
      const text = io.out();
      expect(text).toMatch(/valid\s+valid reply ≤200 ms\s+DISPATCH_DEADLINE_EXCEEDED\s+FAIL/);
      expect(text).toContain('0 of 3 cases passed, 3 failed');
    } finally {
      await broken.close();
    }
  });

  test('reports six results as a schema error (legacy cases) and accepted bad signatures as failures', async () => {
    const broken = await brokenCardService(0);
    try {
      const io = memoryIo({ now: Date.now });
      const code = await runCheckCommand(`${broken.origin}/card`, options({ json: true }), io);
      expect(code).toBe(1);
      const cases = JSON.parse(io.out()).cases as { id: string; pass: boolean; reason: string }[];
      expect(cases.find((c) => c.id === 'valid')?.reason).toContain('results: must have at most 5 items');
      expect(cases.find((c) => c.id === 'missing-signature')?.reason).toContain('accepted with 200');
      // The converter renders six results (legacy HubSpot refused them), so only its cases pass, warned.
      const passed = cases.filter((c) => c.pass);
      expect(passed.map((c) => c.id)).toEqual([
        'converter',
        'absent-properties-converter',
        'unicode-converter',
      ]);
      for (const c of passed) {
        expect((c as { warning?: string }).warning).toMatch(
          /^results: the converter renders this; legacy HubSpot refused it \(must have at most 5 items; got 6\)/,
        );
      }
    } finally {
      await broken.close();
    }
  });

  test('fails each forgery case against a service with that weakness', async () => {
    const weak = await vulnerableCardService(secret);
    try {
      const ids = [
        'query-moved-into-body',
        'zero-padded-timestamp',
        'downgrade-to-v2',
        'v1-empty-body',
        'leaky-401',
      ];
      const io = memoryIo({ now: Date.now });
      const code = await runCheckCommand(
        `${weak.origin}/card`,
        // stale-timestamp shows it checks v3 times: taking a v2-only downgrade is then a failure.
        options({ json: true, only: `valid,stale-timestamp,${ids.join(',')}` }),
        io,
      );
      expect(code).toBe(1);
      const cases = JSON.parse(io.out()).cases as { id: string; pass: boolean; reason: string }[];
      expect(cases.map((c) => [c.id, c.pass])).toEqual([
        ['valid', true],
        ['stale-timestamp', true],
        ...ids.map((id) => [id, false]),
      ]);
      const leak = cases.find((c) => c.id === 'leaky-401');
      expect(leak?.reason).toContain('must never show the expected signature');
      // The report says a prefix leaked, never which one.
      expect(io.out()).not.toMatch(/Expected a signature starting/);
      // The boundary shift kept the signed string: the service saw `…=L` and `ovelace` as the body.
      const shifted = weak.received.find((r) => r.method === 'GET' && r.body !== '');
      expect(`${shifted?.url}${shifted?.body}`).toContain('lastname=Lovelace');
    } finally {
      await weak.close();
    }
  });

  test('an action hook sent as GET or DELETE gets the body and v1 cases too', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const io = memoryIo({ now: Date.now });
      const code = await runCheckCommand(
        `${good.origin}/action`,
        options({ kind: 'action', method, json: true }),
        io,
      );
      const report = JSON.parse(io.out());
      expect(report.cases.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining(['query-moved-into-body', 'v1-empty-body']),
      );
      expect([method, code, report.failed]).toEqual([method, 0, 0]);
    }
  });

  test('--mode picks the shapes of the positive cases', async () => {
    const ids = async (mode: 'legacy' | 'converter') => {
      const io = memoryIo({ now: Date.now });
      await runCheckCommand(`${good.origin}/card`, options({ mode, json: true, only: '' }), io);
      const report = JSON.parse(io.out());
      return report.cases
        .filter((c: { expect: string }) => c.expect === 'valid-reply')
        .map((c: { id: string }) => c.id);
    };
    expect(await ids('legacy')).toEqual(['valid', 'absent-properties', 'unicode']);
    expect(await ids('converter')).toEqual(['converter', 'absent-properties-converter', 'unicode-converter']);
  });

  test('refuses a --public-url with a query', async () => {
    await expect(
      runCheckCommand(
        `${good.origin}/card`,
        options({ publicUrl: 'https://app.example.com/?x=1' }),
        memoryIo(),
      ),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID', message: expect.stringContaining('--public-url') });
  });

  test('refuses an unknown case id and a deadline above the platform', async () => {
    await expect(
      runCheckCommand(`${good.origin}/card`, options({ only: 'nope' }), memoryIo()),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
    await expect(
      runCheckCommand(`${good.origin}/card`, options({ deadline: '9000' }), memoryIo()),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID' });
  });
});
