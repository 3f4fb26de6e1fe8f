import { type CheckCommandOptions, type CliIo, runCheckCommand } from '@spoke/cli';
import { afterEach, describe, expect, test } from 'vitest';
import { fixedPublicUrl, startFixedPublicUrl } from './fixed-public-url.ts';
import { startFormHook } from './form-hook.ts';
import { startHealthyV3 } from './healthy-v3.ts';
import { startIframeInResults } from './iframe-in-results.ts';
import { startJsonHook } from './json-hook.ts';
import { startPostOnlyCard } from './post-only-card.ts';
import { startReadsObjectId } from './reads-object-id.ts';
import type { RealService } from './service.ts';
import { startV2Only403 } from './v2-only-403.ts';
import { startVerifiesNothing } from './verifies-nothing.ts';

// `spoke check` against services written without Spoke, as real apps are: each gets the verdict
// HubSpot would give, in the text report and in --json.

const secret = 'real-services-secret';
const running: RealService[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.close()));
});

async function start(starter: (secret: string) => Promise<RealService>): Promise<RealService> {
  const service = await starter(secret);
  running.push(service);
  return service;
}

interface JsonCase {
  id: string;
  pass: boolean;
  reason: string;
  note: string | null;
  warning: string | null;
  cause: string | null;
}
interface JsonReport {
  ok: boolean;
  failed: number;
  warnings: number;
  cases: JsonCase[];
  diagnosis: { cause: string; summary: string; fix: string; cases: string[] }[];
}

/** Runs in-process through @spoke/cli's public entry, keeping what the command prints. */
function capturedIo(): CliIo & { out(): string } {
  let out = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: () => true },
    readStdin: async () => Buffer.alloc(0),
    env: {},
    cwd: process.cwd(),
    fetch: () => Promise.reject(new Error('spoke check sends through its own transport')),
    now: Date.now,
    out: () => out,
  };
}

async function check(url: string, overrides: Partial<CheckCommandOptions> = {}) {
  const options: CheckCommandOptions = { secret, kind: 'card', method: 'POST', ...overrides };
  const textIo = capturedIo();
  const textCode = await runCheckCommand(url, options, textIo);
  const jsonIo = capturedIo();
  const jsonCode = await runCheckCommand(url, { ...options, json: true }, jsonIo);
  expect(jsonCode).toBe(textCode);
  return { code: textCode, text: textIo.out(), report: JSON.parse(jsonIo.out()) as JsonReport };
}

const byId = (report: JsonReport, id: string) => report.cases.find((c) => c.id === id);
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

describe('spoke check against real services', () => {
  // These services verify v3 as HubSpot's docs say (the URL decoded first), so they judge the
  // legacy request shape; the converter's raw-URL v3 (decision 0011) has its own test below.
  test('a careful v3 verifier is healthy', async () => {
    const service = await start(startHealthyV3);
    const { code, text, report } = await check(service.url, { mode: 'legacy' });
    expect(report.cases.filter((c) => !c.pass || c.warning || c.note)).toEqual([]);
    expect(report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
    expect(code).toBe(0);
    expect(lastLine(text)).toMatch(/^diagnosis: healthy/);
  });

  test('a v2-only verifier that refuses with 403 passes, with a replay warning and notes', async () => {
    const service = await start(startV2Only403);
    const { code, text, report } = await check(service.url);
    expect(report.cases.filter((c) => !c.pass)).toEqual([]);
    expect(code).toBe(0);
    // The unicode cases send the bytes they signed, so a v2 check takes them.
    expect(byId(report, 'unicode')?.pass).toBe(true);
    expect(byId(report, 'unicode-converter')?.pass).toBe(true);
    const warned = report.cases.filter((c) => c.warning !== null).map((c) => c.id);
    expect(warned.sort()).toEqual(
      [
        'downgrade-to-v2',
        'future-timestamp',
        'non-numeric-timestamp',
        'space-mangled-v3',
        'stale-timestamp',
      ].sort(),
    );
    expect(byId(report, 'wrong-secret')).toMatchObject({ pass: true, note: expect.stringContaining('403') });
    const v2 = report.diagnosis.find((d) => d.cause === 'v2-only');
    expect(v2?.fix).toContain('verify X-HubSpot-Signature-v3 and its timestamp to refuse replays');
    expect(v2?.fix).toContain('docs/protocol.md §1');
    expect(report.diagnosis.map((d) => d.cause)).not.toContain('healthy');
    expect(text).toMatch(/stale-timestamp\s+refuse \(401\)\s+200 in \d+ ms\s+warn/);
    expect(text).toContain('diagnosis: verifies v2 only');
    expect(text).toContain('(5 with a warning)');
  });

  test('a service that verifies nothing is diagnosed so, once', async () => {
    const service = await start(startVerifiesNothing);
    const { code, text, report } = await check(service.url);
    expect(code).toBe(1);
    expect(report.diagnosis[0]).toMatchObject({
      cause: 'forged-accepted',
      summary: expect.stringContaining('verifies nothing'),
    });
    // No v2 warning for a service that takes forgeries: every negative case fails.
    expect(report.cases.filter((c) => c.warning !== null)).toEqual([]);
    expect(byId(report, 'stale-timestamp')).toMatchObject({ pass: false, cause: 'forged-accepted' });
    expect(text.match(/^diagnosis: verifies nothing/gm)).toHaveLength(1);
  });

  test('a POST-only card route is told that HubSpot fetches cards with GET', async () => {
    const service = await start(startPostOnlyCard);
    const { code, text, report } = await check(service.url);
    expect(code).toBe(1);
    expect(byId(report, 'valid')).toMatchObject({
      pass: false,
      cause: 'not-served',
      reason: expect.stringMatching(/HubSpot always fetches card[s ].*with GET/),
    });
    expect(report.diagnosis[0]).toMatchObject({ cause: 'not-served' });
    expect(text).toContain('diagnosis: answers 404/405 to a correctly signed GET');
  });

  test("an iframe action in results fails as a reply that breaks HubSpot's rules", async () => {
    const service = await start(startIframeInResults);
    const { code, text, report } = await check(service.url, { mode: 'legacy' });
    expect(code).toBe(1);
    // The three cases fail for one reason, printed once.
    expect(text.match(/^FAIL .*/gm)).toEqual([
      expect.stringMatching(/^FAIL valid, absent-properties, unicode: the reply is not valid/),
    ]);
    expect(byId(report, 'valid')).toMatchObject({
      pass: false,
      cause: 'invalid-reply',
      reason: expect.stringContaining('results'),
    });
    // The signature handling is right: every forgery is refused.
    expect(report.cases.filter((c) => c.cause !== null && c.cause !== 'invalid-reply')).toEqual([]);
    expect(report.diagnosis.map((d) => d.cause)).toEqual(['invalid-reply']);
  });

  test('a service verifying its public URL refuses every request; --public-url makes it healthy', async () => {
    const service = await start(startFixedPublicUrl);
    const local = await check(service.url, { mode: 'legacy' });
    expect(local.code).toBe(1);
    expect(local.report.diagnosis[0]).toMatchObject({
      cause: 'refused-valid',
      summary: expect.stringContaining(`refuses every request, even correctly signed ones`),
      fix: expect.stringContaining('--public-url'),
    });
    expect(local.report.diagnosis[0]?.summary).toContain(service.url);
    expect(local.text).toContain('diagnosis: refuses every request');

    const tunnelled = await check(service.url, { publicUrl: fixedPublicUrl, mode: 'legacy' });
    expect(tunnelled.report.cases.filter((c) => !c.pass || c.warning)).toEqual([]);
    expect(tunnelled.report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
    expect(tunnelled.code).toBe(0);
    expect(tunnelled.text).toContain(`signed for ${fixedPublicUrl}/card`);
    // Delivered locally, with the tunnel's host.
    expect(service.received.at(-1)?.headers.host).toBe('app.example.com');
  });

  test("a v3 verifier by HubSpot's docs alone fails the converter cases, which are signed over the raw URL (decision 0011)", async () => {
    const service = await start(startHealthyV3);
    const { code, report } = await check(service.url, { mode: 'converter' });
    expect(code).toBe(1);
    const converter = report.cases.filter((c) => c.id.includes('converter'));
    expect(converter.length).toBeGreaterThan(0);
    expect(converter.filter((c) => c.pass)).toEqual([]);
    expect(converter.map((c) => c.reason).join('\n')).toContain('401');
  });

  test('a card reading hs_object_id gets a valid verdict on its not-linked branch', async () => {
    const service = await start(startReadsObjectId);
    const { code, report } = await check(service.url, { mode: 'legacy' });
    expect(report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
    expect(code).toBe(0);
    expect(service.received.some((r) => r.url.includes('hs_object_id'))).toBe(false);
  });

  test('a JSON action hook fails the legacy shape only, and is healthy with --mode converter', async () => {
    const service = await start(startJsonHook);
    const both = await check(service.url, { kind: 'action' });
    expect(both.code).toBe(1);
    expect(both.report.cases.filter((c) => !c.pass).map((c) => c.id)).toEqual([
      'legacy-encoding',
      'absent-properties',
      'unicode',
    ]);
    expect(both.report.diagnosis[0]?.summary).toContain('fails every request in the legacy shape');
    expect(both.report.diagnosis[0]?.fix).toContain('--mode converter');
    const converter = await check(service.url, { kind: 'action', mode: 'converter' });
    expect(converter.report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
    expect(converter.code).toBe(0);
  });

  test('a form action hook fails the converter shape only, and is healthy with --mode legacy', async () => {
    const service = await start(startFormHook);
    const both = await check(service.url, { kind: 'action' });
    expect(both.code).toBe(1);
    expect(both.report.cases.filter((c) => !c.pass).map((c) => c.id)).toEqual([
      'converter-encoding',
      'absent-properties-converter',
      'unicode-converter',
    ]);
    expect(both.report.diagnosis[0]?.summary).toContain("fails every request in the converter's shape");
    const legacy = await check(service.url, { kind: 'action', mode: 'legacy' });
    expect(legacy.report.diagnosis.map((d) => d.cause)).toEqual(['healthy']);
    expect(legacy.code).toBe(0);
  });
});
