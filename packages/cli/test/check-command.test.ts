import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CheckCommandOptions, runCheckCommand } from '../src/commands/check.ts';
import { type BareService, brokenCardService, conformingService } from './helpers/bare-services.ts';
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
    ['card', '/card', 12],
    ['action', '/action', 13],
    ['share-via', '/share', 15],
    ['channel-connection', '/channels', 10],
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

  test('reports six results as a schema error and accepted bad signatures as failures', async () => {
    const broken = await brokenCardService(0);
    try {
      const io = memoryIo({ now: Date.now });
      const code = await runCheckCommand(`${broken.origin}/card`, options({ json: true }), io);
      expect(code).toBe(1);
      const cases = JSON.parse(io.out()).cases as { id: string; pass: boolean; reason: string }[];
      expect(cases.find((c) => c.id === 'valid')?.reason).toContain('results: must have at most 5 items');
      expect(cases.find((c) => c.id === 'missing-signature')?.reason).toContain('accepted with 200');
      expect(cases.every((c) => !c.pass)).toBe(true);
    } finally {
      await broken.close();
    }
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
