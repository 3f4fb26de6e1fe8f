import { sign } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { runVerify } from '../src/commands/verify.ts';
import { explainSignature } from '../src/signing/explain-signature.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'my-app-secret';
const now = 1_700_000_000_000;
const publicUrl = 'https://tunnel.example.com/hubspot/hook?userEmail=a%40b.com';

function signed(url: string, body: string, timestamp = now, method = 'POST'): string[] {
  return Object.entries(sign({ version: 'all', secret, method, url, body, timestamp })).map(
    ([k, v]) => `${k}: ${v}`,
  );
}

function headerRecord(lines: string[]): Record<string, string[]> {
  return Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      [line.slice(line.indexOf(':') + 2)],
    ]),
  );
}

describe('spoke verify', () => {
  test('reports a valid request with exit 0 and shows the strings hashed', async () => {
    const io = memoryIo({ now: () => now + 1000 });
    const code = await runVerify(
      { secret, url: publicUrl, body: '{"a":1}', header: signed(publicUrl, '{"a":1}') },
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toContain('verdict: valid (v3)');
    // v3 hashes the URL with %40 decoded; the secret never appears.
    expect(io.out()).toContain(
      'hashed "POSThttps://tunnel.example.com/hubspot/hook?userEmail=a@b.com{\\"a\\":1}1700000000000"',
    );
    expect(io.out()).toContain(
      'hashed "<secret>POSThttps://tunnel.example.com/hubspot/hook?userEmail=a%40b.com',
    );
    expect(io.out()).not.toContain(secret);
  });

  test('explains that the sender signed another public URL', () => {
    const body = Buffer.from('{"a":1}');
    const headers = headerRecord(signed('http://localhost:3000/hook', '{"a":1}'));
    const result = explainSignature({
      secret,
      method: 'POST',
      url: 'http://127.0.0.1:3000/hook',
      body,
      headers,
      now,
    });
    expect(result).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    expect(result.checks.map((c) => c.version)).toEqual(['v3', 'v2']);
    expect(result.checks[0]?.hints[0]).toContain('Matches with URL http://localhost:3000/hook');
    expect(result.checks[0]?.hints[0]).toContain('publicUrl');
  });

  test('explains a body that was re-serialised before hashing', () => {
    const headers = headerRecord(signed(publicUrl, '{"a":1}'));
    const result = explainSignature({
      secret,
      method: 'POST',
      url: publicUrl,
      body: Buffer.from('{ "a": 1 }'),
      headers,
      now,
    });
    expect(result.checks[0]?.hints[0]).toContain('the JSON body re-serialised compactly');
    expect(result.checks[0]?.hints[0]).toContain('raw body');
  });

  test("explains a v3 signature whose '+' arrived as a space", () => {
    // Find a timestamp whose signature has a '+', as about half do.
    let timestamp = now;
    let lines = signed(publicUrl, '');
    while (!lines.some((l) => l.startsWith('X-HubSpot-Signature-v3') && l.includes('+'))) {
      timestamp -= 1;
      lines = signed(publicUrl, '', timestamp);
    }
    const headers = headerRecord(
      lines.map((l) => (l.startsWith('X-HubSpot-Signature-v3') ? l.replaceAll('+', ' ') : l)),
    );
    const result = explainSignature({
      secret,
      method: 'POST',
      url: publicUrl,
      body: Buffer.alloc(0),
      headers,
      now,
    });
    expect(result.code).toBe('SIGNATURE_MISMATCH');
    expect(result.checks[0]?.hints[0]).toContain('URL-decoded upstream');
  });

  test('says a stale signature is otherwise right', async () => {
    const io = memoryIo({ now: () => now + 600_000 });
    const code = await runVerify(
      { secret, url: publicUrl, body: 'x', header: signed(publicUrl, 'x'), json: true },
      io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ ok: false, code: 'SIGNATURE_TIMESTAMP_STALE', timestampAgeMs: 600_000 });
    expect(report.checks[0].hints[0]).toContain('only the age is outside');
    // v2 alone is fine: the report shows both, the verdict follows v3.
    expect(report.checks[1]).toMatchObject({ version: 'v2', ok: true });
  });

  test('judges the timestamp at --now', async () => {
    const io = memoryIo({ now: () => now + 600_000 });
    const code = await runVerify(
      { secret, url: publicUrl, body: 'x', header: signed(publicUrl, 'x'), now: String(now) },
      io,
    );
    expect(code).toBe(0);
  });

  test('reports a request without signature headers as invalid', async () => {
    const io = memoryIo();
    const code = await runVerify({ secret, url: publicUrl, header: ['Content-Type: application/json'] }, io);
    expect(code).toBe(1);
    expect(io.out()).toContain('no signature header to check');
    expect(io.out()).toContain('SIGNATURE_MISSING');
  });

  test("refuses a header that is not 'Name: value'", async () => {
    await expect(
      runVerify({ secret, url: publicUrl, header: ['nonsense'] }, memoryIo()),
    ).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
    });
  });
});
