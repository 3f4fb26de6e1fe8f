import { createNodeTransport } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diagnose } from '../src/check/diagnose.ts';
import { type CaseResult, runCheck } from '../src/check/run-check.ts';
import { runCheckCommand } from '../src/commands/check.ts';
import { type BareService, conformingService } from './helpers/bare-services.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'check-secret';
let good: BareService;
beforeAll(async () => {
  good = await conformingService(secret);
});
afterAll(() => good.close());

const options = { secret, kind: 'card' as const, method: 'POST' as const, baseUrl: [] };

interface Report {
  ok: boolean;
  permittedUrls: string[] | null;
  diagnosis: { cause: string; summary: string; cases: string[] }[];
}

async function check(extra: Record<string, unknown>): Promise<{ code: number; report: Report }> {
  const io = memoryIo({ now: Date.now });
  const code = await runCheckCommand(`${good.origin}/card`, { ...options, json: true, ...extra }, io);
  return { code, report: JSON.parse(io.out()) as Report };
}

describe('spoke check --permitted-url', () => {
  test('a local http service passes, and the diagnosis says hubspot.fetch would never call it', async () => {
    const { code, report } = await check({ permittedUrl: ['https://app.example.com'] });
    expect(code).toBe(0);
    expect(report.permittedUrls).toEqual(['https://app.example.com']);
    const line = report.diagnosis.find((d) => d.cause === 'refused-in-production');
    expect(line?.cases).toEqual(['converter', 'absent-properties-converter', 'unicode-converter']);
    expect(line?.summary).toContain('hubspot.fetch does not call localhost');
    expect(line?.summary).toContain('hubspot.fetch only calls HTTPS URLs');
    expect(report.diagnosis.some((d) => d.cause === 'healthy')).toBe(false);
  });

  test('without --permitted-url the converter calls are not judged', async () => {
    const { report } = await check({});
    expect(report.permittedUrls).toBeNull();
    expect(report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
  });

  test('--mode legacy has no converter calls to judge', async () => {
    const { report } = await check({ mode: 'legacy', permittedUrl: ['https://app.example.com'] });
    expect(report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
  });

  test.each([
    ['http://app.example.com', 'hubspot.fetch only calls HTTPS URLs'],
    ['https://localhost:3500', 'does not call localhost'],
  ])('refuses --permitted-url %s as a usage error', async (entry, text) => {
    await expect(check({ permittedUrl: [entry] })).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
      message: expect.stringContaining(text),
    });
  });
});

describe('the diagnosis of the public URL HubSpot calls', () => {
  let results: CaseResult[];
  beforeAll(async () => {
    const local = await runCheck({
      kind: 'card',
      target: {
        url: `${good.origin}/card`,
        app: { id: 1000, clientSecret: secret },
        portal: { id: 62515 },
        user: { id: 1, email: 'dev@spoke.local' },
        method: 'POST',
      },
      baseUrls: [good.origin],
      transport: createNodeTransport(),
      now: Date.now,
      only: ['valid', 'converter'],
    });
    // As if signed for a tunnel: the URL production's hubspot.fetch would call.
    results = local.map((r) => ({
      ...r,
      signedUrl: r.signedUrl.replace(good.origin, 'https://app.example.com/hubspot'),
    }));
  });
  const context = { url: 'http://127.0.0.1:3500/card', signedUrl: 'https://app.example.com/hubspot/card' };

  test('an HTTPS public URL that is listed is healthy', () => {
    const lines = diagnose(results, { ...context, permittedUrls: ['https://app.example.com/hubspot'] });
    expect(lines.map((d) => d.cause)).toEqual(['healthy']);
  });

  test('one that is not listed names the entry to add, for the converter case only', () => {
    const lines = diagnose(results, { ...context, permittedUrls: ['https://other.example.com'] });
    const line = lines.find((d) => d.cause === 'refused-in-production');
    expect(line?.cases).toEqual(['converter']);
    expect(line?.summary).toContain('add https://app.example.com to permittedUrls.fetch');
    expect(line?.summary).not.toContain('localhost');
  });
});
