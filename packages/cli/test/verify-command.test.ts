import { createHmac } from 'node:crypto';
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
    expect(result.checks[0]?.hints[0]).toContain(
      'Matches with URL http://localhost:3000/hook (another host)',
    );
    // Advice for any service, not a Spoke framework option.
    expect(result.checks[0]?.hints[0]).not.toContain('publicUrl');
    expect(result.checks[0]?.hints[0]).toContain('public URL');
  });

  describe('names the wrong scheme a sender used', () => {
    const url = 'https://app.example.com/hubspot/hook?portalId=62515';
    const body = '{"b":1,"a":[1,2]}';
    const timestamp = String(now);
    const explain = (headers: Record<string, string[]>, overrides: { url?: string; body?: string } = {}) =>
      explainSignature({
        secret,
        method: 'POST',
        url: overrides.url ?? url,
        body: Buffer.from(overrides.body ?? body),
        headers,
        now,
      });
    const v3Of = (value: string) => ({
      'x-hubspot-signature-v3': [value],
      'x-hubspot-request-timestamp': [timestamp],
    });
    const v2Of = (value: string) => ({
      'x-hubspot-signature': [value],
      'x-hubspot-signature-version': ['v2'],
    });
    const v3For = (u: string, b = body) =>
      sign({ version: 'v3', secret, method: 'POST', url: u, body: b, timestamp: now })[
        'X-HubSpot-Signature-v3'
      ] ?? '';
    const v2For = (u: string, b = body) =>
      sign({ version: 'v2', secret, method: 'POST', url: u, body: b, timestamp: now })[
        'X-HubSpot-Signature'
      ] ?? '';
    const firstHint = (result: ReturnType<typeof explainSignature>) => result.checks[0]?.hints[0] ?? '';

    test('hex where v3 is base64, and base64 where v2 is hex', () => {
      const v3hex = Buffer.from(v3For(url), 'base64').toString('hex');
      expect(firstHint(explain(v3Of(v3hex)))).toContain('Matches with the v3 HMAC written in hex');
      const v2b64 = Buffer.from(v2For(url), 'hex').toString('base64');
      expect(firstHint(explain(v2Of(v2b64)))).toContain('Matches with the v2 digest written in base64');
    });

    test('an HMAC of the body alone', () => {
      const hmac = createHmac('sha256', secret).update(body).digest('hex');
      expect(firstHint(explain(v3Of(hmac)))).toContain('HMAC-SHA256 of the body alone (hex)');
      expect(firstHint(explain(v2Of(hmac)))).toContain('HMAC-SHA256 of the body alone (hex)');
      const b64 = createHmac('sha256', secret).update(body).digest('base64');
      expect(firstHint(explain(v3Of(b64)))).toContain('signs the raw body alone');
    });

    test.each([
      ['scheme', url, 'http://app.example.com/hubspot/hook?portalId=62515', 'another scheme'],
      ['port', 'https://app.example.com:8443/hubspot/hook?portalId=62515', url, 'another port'],
      ['path', url, 'https://app.example.com/hook?portalId=62515', 'another path'],
      ['query', url, 'https://app.example.com/hubspot/hook', 'the query dropped'],
    ])('v2 over another %s', (_what, given, signedFor, named) => {
      // The sender signed `signedFor`; verify is given the URL the service thinks was called.
      const hint = firstHint(explain(v2Of(v2For(signedFor)), { url: given }));
      expect(hint).toContain(`Matches with URL ${signedFor} (${named})`);
    });

    test("v2 over another host, found from the request's Host header", () => {
      const local = 'http://127.0.0.1:4000/hubspot/hook?portalId=62515';
      const result = explain({ ...v2Of(v2For(local)), host: ['127.0.0.1:4000'] });
      expect(firstHint(result)).toContain(`Matches with URL ${local} (another scheme, host, port)`);
    });

    test.each([
      [
        'keys sorted',
        JSON.stringify({ a: [1, 2], b: 1 }),
        'the JSON body re-serialised with its keys sorted',
      ],
      [
        'Python spacing',
        '{"b": 1, "a": [1, 2]}',
        'the JSON body re-serialised with a space after each , and :',
      ],
      ['compact', '{"b":1,"a":[1,2]}', 'the JSON body re-serialised compactly'],
    ])('a body re-serialised (%s)', (_what, hashed, named) => {
      const sent = _what === 'compact' ? '{ "b": 1, "a": [1, 2] }' : body;
      const hint = firstHint(explain(v3Of(v3For(url, hashed)), { body: sent }));
      expect(hint).toContain(`Matches with ${named}`);
      expect(hint).toContain('raw body');
    });

    test('no match says what was tried and suggests no framework option', () => {
      const hint = firstHint(explain(v3Of(v3For('https://elsewhere.example.org/x'))));
      expect(hint).toContain('No single change reproduces the signature. Tried:');
      expect(hint).not.toContain('publicUrl');
    });
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

describe('spoke verify: v3 over the decoded or the raw URL (docs/decisions/0011)', () => {
  const converterUrl = 'https://service.example.com/card?userId=1&userEmail=a%40b.com&appId=20';
  const signedOver = (form: 'decoded' | 'raw', secretUsed = secret) =>
    Object.entries(
      sign({
        version: 'v3',
        secret: secretUsed,
        method: 'GET',
        url: converterUrl,
        body: '',
        timestamp: now,
        v3UrlForm: form,
      }),
    ).map(([k, v]) => `${k}: ${v}`);

  test('says a raw-URL signature matched the raw URL, and that HubSpot docs and SDK disagree', async () => {
    const io = memoryIo({ now: () => now + 1000 });
    const code = await runVerify({ secret, url: converterUrl, method: 'GET', header: signedOver('raw') }, io);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('verdict: valid (v3)');
    expect(out).toContain(
      'hashed "GEThttps://service.example.com/card?userId=1&userEmail=a@b.com&appId=201700000000000"',
    );
    expect(out).toContain(
      'or     "GEThttps://service.example.com/card?userId=1&userEmail=a%40b.com&appId=201700000000000" (the raw URL)',
    );
    expect(out).toContain('url    matched the raw URL');
    expect(out).toContain("HubSpot's validation docs decode %40");
    expect(out).toContain('@hubspot/api-client');
  });

  test('says a decoded-URL signature matched the decoded URL, which the official client refuses', () => {
    const result = explainSignature({
      secret,
      method: 'GET',
      url: converterUrl,
      body: Buffer.alloc(0),
      headers: headerRecord(signedOver('decoded')),
      now,
    });
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ version: 'v3', ok: true, v3UrlForm: 'decoded' });
    expect(result.checks[0]?.urlNote).toMatch(/^matched the decoded URL .*Signature\.isValid/);
  });

  test('says neither form matched when the secret is wrong, and shows both strings', () => {
    const result = explainSignature({
      secret,
      method: 'GET',
      url: converterUrl,
      body: Buffer.alloc(0),
      headers: headerRecord(signedOver('raw', 'another-secret')),
      now,
    });
    expect(result).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    expect(result.checks[0]?.v3UrlForm).toBeNull();
    expect(result.checks[0]?.hashedRaw).toContain('a%40b.com');
    expect(result.checks[0]?.urlNote).toMatch(/^neither URL form matched: Spoke tried both/);
  });

  test('a URL without the twelve escapes has one form and no note', () => {
    const url = 'https://service.example.com/card?userId=1';
    const headers = headerRecord(signed(url, '', now, 'GET'));
    const result = explainSignature({ secret, method: 'GET', url, body: Buffer.alloc(0), headers, now });
    expect(result.checks[0]).toMatchObject({
      version: 'v3',
      ok: true,
      v3UrlForm: 'same',
      hashedRaw: null,
      urlNote: null,
    });
  });
});
