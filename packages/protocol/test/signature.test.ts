import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  assertValidSignature,
  computeV1,
  computeV2,
  computeV3,
  decodeUriForV3,
  type HeaderSource,
  limits,
  readHeader,
  type SignatureVersion,
  sign,
  sourceV1,
  sourceV2,
  sourceV3,
  type VerifyResult,
  type VerifySignatureOptions,
  verifySignature,
} from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

type SignatureVector = {
  name: string;
  version: SignatureVersion;
  secret: string;
  method: string;
  url: string;
  body: string;
  timestamp?: number;
  expected: string;
};

const vectors: SignatureVector[] = JSON.parse(
  readFileSync(new URL('./vectors/signatures.json', import.meta.url), 'utf8'),
);

const secret = 'test-secret-never-logged';
const now = 1_700_000_000_000;
const method = 'POST';
const url = 'https://app.example.com/hooks/action?portalId=987654';
const body = '{"userId":5,"portalId":987654}';

function request(overrides: Partial<VerifySignatureOptions> = {}): VerifySignatureOptions {
  const headers = sign({ version: 'all', secret, method, url, body, timestamp: now });
  return { secret, method, url, body, headers, now, ...overrides };
}

// Tests of the v1 and v2 computations accept every version; the default (v3 only) has its own tests.
const everyVersion: readonly SignatureVersion[] = ['v1', 'v2', 'v3'];

function signed(version: SignatureVersion | 'all', overrides: Partial<VerifySignatureOptions> = {}) {
  const chosen = 'strict' in overrides || 'acceptVersions' in overrides;
  const legacy = (version === 'v1' || version === 'v2') && !chosen ? { acceptVersions: everyVersion } : {};
  return request({
    headers: sign({ version, secret, method, url, body, timestamp: now }),
    ...legacy,
    ...overrides,
  });
}

/** Every failure message produced below, to check none leaks the secret. */
const messages: string[] = [];

function failure(options: VerifySignatureOptions): Extract<VerifyResult, { ok: false }> {
  const result = verifySignature(options);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  messages.push(result.message, ...result.checked.map((attempt) => attempt.source));
  return result;
}

function compute(vector: SignatureVector, requestBody: string | Uint8Array): string {
  const { version, secret, method, url, timestamp } = vector;
  if (version === 'v1') return computeV1({ secret, body: requestBody });
  if (version === 'v2') return computeV2({ secret, method, url, body: requestBody });
  return computeV3({ secret, method, url, body: requestBody, timestamp: timestamp ?? 0 });
}

describe('golden vectors (test/vectors/signatures.json)', () => {
  test('holds the five docs/protocol.md §1 vectors and the extra ones', () => {
    expect(vectors.filter((vector) => vector.name.startsWith('spec '))).toHaveLength(5);
    expect(vectors.length).toBeGreaterThanOrEqual(12);
  });

  test.each(vectors)('$name: computes $expected', (vector) => {
    expect(compute(vector, vector.body)).toBe(vector.expected);
    expect(compute(vector, new TextEncoder().encode(vector.body))).toBe(vector.expected);
  });

  test.each(vectors)('$name: sign() sends it and verifySignature() accepts it', (vector) => {
    const { version, secret, method, url, body, timestamp } = vector;
    const headers = sign({
      version,
      secret,
      method,
      url,
      body,
      ...(timestamp === undefined ? {} : { timestamp }),
    });
    expect(Object.values(headers)).toContain(vector.expected);
    // The vectors check the computation; v1 over an empty body is refused unless allowed (below).
    const result = verifySignature({
      secret,
      method,
      url,
      body,
      headers,
      now: timestamp ?? now,
      acceptVersions: everyVersion,
      allowV1EmptyBody: true,
    });
    // sign() signs the decoded form (HubSpot's docs), so a v3 URL with one of the twelve escapes
    // matches as `decoded`, one without as `same`.
    const v3UrlForm = decodeUriForV3(url) === url ? 'same' : 'decoded';
    expect(result).toEqual({ ok: true, version, secretIndex: 0, ...(version === 'v3' ? { v3UrlForm } : {}) });
  });
});

describe('decodeUriForV3', () => {
  const decoded = {
    '%3A': ':',
    '%2F': '/',
    '%3F': '?',
    '%40': '@',
    '%21': '!',
    '%24': '$',
    '%27': "'",
    '%28': '(',
    '%29': ')',
    '%2A': '*',
    '%2C': ',',
    '%3B': ';',
  };

  test.each(Object.entries(decoded))('decodes %s in either case', (hex, char) => {
    expect(decodeUriForV3(`https://x.test/a?v=${hex}`)).toBe(`https://x.test/a?v=${char}`);
    expect(decodeUriForV3(`https://x.test/a?v=${hex.toLowerCase()}`)).toBe(`https://x.test/a?v=${char}`);
  });

  test('keeps %20 %26 %3D %25 and every other escape', () => {
    const kept = 'https://x.test/a?q=%20%26%3D%25%2B%23%5B%e2%82%ac';
    expect(decodeUriForV3(kept)).toBe(kept);
  });

  test('decodes in one pass, so %253A stays %253A', () => {
    expect(decodeUriForV3('https://x.test/?a=%253A&b=%3a')).toBe('https://x.test/?a=%253A&b=:');
  });
});

describe('the default accepts v3 only', () => {
  test.each(['v1', 'v2'] as const)('a request signed only with %s is SIGNATURE_V3_REQUIRED', (version) => {
    const options = request({ headers: sign({ version, secret, method, url, body, timestamp: now }) });
    expect(failure(options)).toMatchObject({ code: 'SIGNATURE_V3_REQUIRED' });
  });

  test('a request signed with every version is accepted as v3', () => {
    expect(verifySignature(request())).toMatchObject({ ok: true, version: 'v3' });
  });
});

describe('sign and verify round trip', () => {
  test.each(['v1', 'v2', 'v3'] as const)('accepts its own %s signature', (version) => {
    const form = version === 'v3' ? { v3UrlForm: 'same' } : {};
    expect(verifySignature(signed(version))).toEqual({ ok: true, version, secretIndex: 0, ...form });
  });

  test("'all' sends v2 and v3 headers, and v3 is the one verified", () => {
    const headers = sign({ version: 'all', secret, method, url, body, timestamp: now });
    expect(Object.keys(headers).sort()).toEqual([
      'X-HubSpot-Request-Timestamp',
      'X-HubSpot-Signature',
      'X-HubSpot-Signature-Version',
      'X-HubSpot-Signature-v3',
    ]);
    expect(headers['X-HubSpot-Signature-Version']).toBe('v2');
    expect(headers['X-HubSpot-Request-Timestamp']).toBe(String(now));
    expect(verifySignature(request())).toEqual({
      ok: true,
      version: 'v3',
      secretIndex: 0,
      v3UrlForm: 'same',
    });
  });

  test('v3 timestamp defaults to Date.now()', () => {
    const before = Date.now();
    const headers = sign({ version: 'v3', secret, method, url, body });
    const stamp = Number(headers['X-HubSpot-Request-Timestamp']);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(verifySignature({ secret, method, url, body, headers }).ok).toBe(true);
  });

  test('body as string and as Uint8Array give the same signatures', () => {
    const bytes = new TextEncoder().encode(body);
    expect(sign({ version: 'all', secret, method, url, body: bytes, timestamp: now })).toEqual(
      sign({ version: 'all', secret, method, url, body, timestamp: now }),
    );
    expect(verifySignature(request({ body: bytes })).ok).toBe(true);
  });

  test('a Uint8Array view into a larger buffer hashes only its own bytes', () => {
    const padded = new TextEncoder().encode(`xx${body}yy`).subarray(2, 2 + body.length);
    expect(verifySignature(request({ body: padded })).ok).toBe(true);
  });

  test('uppercases the method', () => {
    expect(computeV2({ secret, method: 'post', url, body })).toBe(computeV2({ secret, method, url, body }));
    expect(verifySignature(request({ method: 'post' })).ok).toBe(true);
  });

  test('strict mode accepts v3', () => {
    expect(verifySignature(request({ strict: true }))).toMatchObject({ ok: true, version: 'v3' });
  });
});

describe('source strings', () => {
  test('show what is hashed with the secret elided', () => {
    expect(sourceV1({ body: 'abc' })).toBe('<secret>abc');
    expect(sourceV2({ method: 'get', url: 'https://x.test/a', body: '' })).toBe(
      '<secret>GEThttps://x.test/a',
    );
    expect(sourceV3({ method: 'GET', url: 'https://x.test/a?e=a%40b', body: 'b', timestamp: 17 })).toBe(
      'GEThttps://x.test/a?e=a@bb17',
    );
  });
});

describe('verification failures', () => {
  test('no signature header at all is SIGNATURE_MISSING', () => {
    expect(failure(request({ headers: {} }))).toMatchObject({ code: 'SIGNATURE_MISSING', checked: [] });
    expect(failure(request({ headers: { 'X-HubSpot-Signature-Version': 'v2' } })).code).toBe(
      'SIGNATURE_MISSING',
    );
  });

  test.each(['v1', 'v2', 'v3'] as const)('%s: one changed body byte is SIGNATURE_MISMATCH', (version) => {
    const result = failure(signed(version, { body: body.replace('5', '6') }));
    expect(result.code).toBe('SIGNATURE_MISMATCH');
    expect(result.checked).toHaveLength(1);
    expect(result.checked[0]).toMatchObject({ version, secretIndex: 0, matched: false });
  });

  test.each(['v2', 'v3'] as const)('%s: a different URL or method is SIGNATURE_MISMATCH', (version) => {
    expect(failure(signed(version, { url: 'http://localhost:3000/hooks/action?portalId=987654' })).code).toBe(
      'SIGNATURE_MISMATCH',
    );
    expect(failure(signed(version, { method: 'PUT' })).code).toBe('SIGNATURE_MISMATCH');
  });

  // The received signature is compared in full, as text, in constant time: nothing but the exact
  // expected string passes (not another spelling of the same digest, not a prefix).
  test.each(['v1', 'v2', 'v3'] as const)(
    '%s: a signature changed in one character, cut, extended, re-spelled or not hex/base64 is SIGNATURE_MISMATCH',
    (version) => {
      const headers = sign({ version, secret, method, url, body, timestamp: now });
      const name = version === 'v3' ? 'X-HubSpot-Signature-v3' : 'X-HubSpot-Signature';
      const good = headers[name] ?? '';
      const last = good.length - 1;
      const flipped = (at: number) =>
        `${good.slice(0, at)}${good[at] === 'A' ? 'B' : 'A'}${good.slice(at + 1)}`;
      const variants = [
        flipped(0),
        flipped(last - 1),
        good.slice(0, -1),
        `${good}=`,
        `${good} `,
        good.toUpperCase(),
        // Right length, but characters neither hex nor base64 (é shares no byte with any of them).
        `${good.slice(0, -2)}é!`,
        version === 'v3' ? good.replaceAll('+', '-').replaceAll('/', '_') : `${good.slice(0, -1)}g`,
        '',
      ].filter((variant) => variant !== good);
      expect(variants.length).toBeGreaterThanOrEqual(8);
      for (const variant of variants) {
        const result = verifySignature(signed(version, { headers: { ...headers, [name]: variant } }));
        expect(result, JSON.stringify(variant)).toMatchObject({ ok: false });
        // An empty value is no signature at all.
        expect(result.ok ? '' : result.code).toBe(
          variant === '' ? 'SIGNATURE_MISSING' : 'SIGNATURE_MISMATCH',
        );
      }
      expect(verifySignature(signed(version, { headers: { ...headers, [name]: good } })).ok).toBe(true);
    },
  );

  test('a body re-serialised with different spacing fails', () => {
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(failure(request({ body: reserialised })).code).toBe('SIGNATURE_MISMATCH');
  });

  test('rejects a v3 timestamp older than five minutes, accepts exactly five', () => {
    expect(limits.maxClockSkewMs).toBe(300_000);
    expect(verifySignature(request({ now: now + 300_000 })).ok).toBe(true);
    const stale = failure(request({ now: now + 300_001 }));
    expect(stale.code).toBe('SIGNATURE_TIMESTAMP_STALE');
    expect(stale.message).toContain('300001 ms old');
  });

  test('rejects a v3 timestamp more than five minutes in the future, accepts exactly five', () => {
    expect(verifySignature(request({ now: now - 300_000 })).ok).toBe(true);
    expect(failure(request({ now: now - 300_001 })).code).toBe('SIGNATURE_TIMESTAMP_FUTURE');
  });

  test.each([
    '17e11',
    ' 1700000000000',
    '-5',
    '1700000000000.0',
    '0x1',
    '12345678901234567',
    // The characters just below '0' and just above '9'.
    '170000000000/',
    '17000000000:0',
  ])('rejects the timestamp %j as SIGNATURE_TIMESTAMP_INVALID', (stamp) => {
    const headers = { ...sign({ version: 'v3', secret, method, url, body, timestamp: now }) };
    headers['X-HubSpot-Request-Timestamp'] = stamp;
    expect(failure(request({ headers })).code).toBe('SIGNATURE_TIMESTAMP_INVALID');
  });

  test('the timestamp digits are read as the number they spell, up to 16 digits', () => {
    // 15 digits: the window's edges hold exactly, as for a 13-digit one.
    const far = 999_999_999_999_999;
    const headers = sign({ version: 'v3', secret, method, url, body, timestamp: far });
    expect(verifySignature(request({ headers, now: far + 300_000 })).ok).toBe(true);
    expect(failure(request({ headers, now: far + 300_001 })).code).toBe('SIGNATURE_TIMESTAMP_STALE');
    expect(verifySignature(request({ headers, now: far - 300_000 })).ok).toBe(true);
    expect(failure(request({ headers, now: far - 300_001 })).code).toBe('SIGNATURE_TIMESTAMP_FUTURE');
    // 16 digits are canonical, and far in the future.
    const sixteen = sign({ version: 'v3', secret, method, url, body, timestamp: 1_000_000_000_000_000 });
    const refused = failure(request({ headers: sixteen }));
    expect(refused.code).toBe('SIGNATURE_TIMESTAMP_FUTURE');
    expect(refused.message).toContain(`${1_000_000_000_000_000 - now} ms in the future`);
  });

  test('a v3 signature without a timestamp is SIGNATURE_TIMESTAMP_MISSING', () => {
    const { 'X-HubSpot-Signature-v3': v3 } = sign({
      version: 'v3',
      secret,
      method,
      url,
      body,
      timestamp: now,
    });
    expect(failure(request({ headers: { 'X-HubSpot-Signature-v3': v3 } })).code).toBe(
      'SIGNATURE_TIMESTAMP_MISSING',
    );
  });

  test('a timestamp with leading zeros is SIGNATURE_TIMESTAMP_INVALID: digits cannot move from the URL', () => {
    // `…=1000` + `1700000000000` hashes exactly like `…=1` + `0001700000000000` (finding 13).
    const getUrl = 'https://app.example.com/hooks/action?associatedObjectId=1000';
    const headers = sign({ version: 'v3', secret, method: 'GET', url: getUrl, body: '', timestamp: now });
    const moved = {
      'X-HubSpot-Signature-v3': headers['X-HubSpot-Signature-v3'] ?? '',
      'X-HubSpot-Request-Timestamp': `000${now}`,
    };
    const shifted = {
      secret,
      method: 'GET',
      url: getUrl.replace('=1000', '=1'),
      body: '',
      headers: moved,
      now,
    };
    expect(failure(shifted).code).toBe('SIGNATURE_TIMESTAMP_INVALID');
    expect(failure({ ...shifted, headers: { ...moved, 'X-HubSpot-Request-Timestamp': '0' } }).code).toBe(
      'SIGNATURE_TIMESTAMP_INVALID',
    );
  });

  test('acceptVersions: v3 only refuses v2 and v1 with SIGNATURE_V3_REQUIRED, a list without v3 refuses v3', () => {
    expect(verifySignature(signed('all', { acceptVersions: ['v3'] }))).toMatchObject({
      ok: true,
      version: 'v3',
    });
    expect(failure(signed('v2', { acceptVersions: ['v3'] })).code).toBe('SIGNATURE_V3_REQUIRED');
    expect(failure(signed('v1', { acceptVersions: ['v3'] })).code).toBe('SIGNATURE_V3_REQUIRED');
    expect(failure(signed('v2', { strict: true })).code).toBe('SIGNATURE_V3_REQUIRED');
    expect(failure(signed('v1', { acceptVersions: ['v3', 'v2'] })).code).toBe('SIGNATURE_VERSION_REFUSED');
    expect(verifySignature(signed('v2', { acceptVersions: ['v3', 'v2'] }))).toMatchObject({ ok: true });
    expect(failure(signed('v3', { acceptVersions: ['v2'] })).code).toBe('SIGNATURE_VERSION_REFUSED');
    expect(verifySignature(signed('all', { acceptVersions: ['v2'] }))).toMatchObject({ version: 'v2' });
  });

  test('v1 over an empty body (a constant: sha256(secret)) is refused unless allowed on its own', () => {
    const headers = sign({ version: 'v1', secret, method: 'GET', url, body: '' });
    const options = { secret, method: 'GET', url, body: '', headers, now, acceptVersions: everyVersion };
    expect(failure(options).code).toBe('SIGNATURE_V1_EMPTY_BODY');
    expect(failure({ ...options, url: 'https://elsewhere.test/?any=thing' }).code).toBe(
      'SIGNATURE_V1_EMPTY_BODY',
    );
    expect(verifySignature({ ...options, allowV1EmptyBody: true })).toMatchObject({
      ok: true,
      version: 'v1',
    });
    expect(verifySignature(signed('v1'))).toMatchObject({ ok: true, version: 'v1' });
  });

  test('an unknown version header is SIGNATURE_VERSION_UNSUPPORTED', () => {
    const headers = {
      ...sign({ version: 'v2', secret, method, url, body }),
      'X-HubSpot-Signature-Version': 'v9',
    };
    const result = failure(request({ headers }));
    expect(result.code).toBe('SIGNATURE_VERSION_UNSUPPORTED');
    expect(result.message).toContain('"v9"');
  });

  test.each(['v1', 'v2'] as const)(
    'strict mode refuses a %s-only request with SIGNATURE_V3_REQUIRED',
    (version) => {
      expect(failure(signed(version, { strict: true })).code).toBe('SIGNATURE_V3_REQUIRED');
    },
  );

  test('no secret is misuse and throws SIGNATURE_SECRET_MISSING', () => {
    const { secret: _, ...withoutSecret } = request();
    for (const options of [withoutSecret, request({ secret: '' }), { ...withoutSecret, secrets: [] }]) {
      expect(() => verifySignature(options)).toThrowError(
        expect.objectContaining({ code: 'SIGNATURE_SECRET_MISSING', status: 500 }),
      );
    }
    expect(() => verifySignature({ ...withoutSecret, secrets: ['new', ''] })).toThrowError(
      expect.objectContaining({ code: 'SIGNATURE_SECRET_MISSING' }),
    );
  });
});

describe('duplicate headers', () => {
  const v3 = sign({ version: 'v3', secret, method, url, body, timestamp: now });
  const good = v3['X-HubSpot-Signature-v3'] ?? '';
  const forged = computeV3({ secret: 'other', method, url, body, timestamp: now });

  test('refuses two different v3 signatures as an array, a comma list, or appended Headers', () => {
    const stamp = String(now);
    const sources: HeaderSource[] = [
      { 'x-hubspot-signature-v3': [forged, good], 'x-hubspot-request-timestamp': stamp },
      { 'x-hubspot-signature-v3': `${good}, ${forged}`, 'x-hubspot-request-timestamp': stamp },
      {
        'X-HubSpot-Signature-v3': good,
        'x-hubspot-signature-v3': forged,
        'X-HubSpot-Request-Timestamp': stamp,
      },
      new Headers([
        ['X-HubSpot-Signature-v3', good],
        ['X-HubSpot-Signature-v3', forged],
        ['X-HubSpot-Request-Timestamp', stamp],
      ]),
    ];
    for (const headers of sources) {
      const result = failure(request({ headers }));
      expect(result.code).toBe('SIGNATURE_MISMATCH');
      expect(result.message).toContain('X-HubSpot-Signature-v3 arrived with 2 different values');
    }
  });

  test('refuses conflicting timestamps, v2 signatures and version headers', () => {
    const stamps = { ...v3, 'X-HubSpot-Request-Timestamp': [String(now), String(now + 1)] };
    expect(failure(request({ headers: stamps })).code).toBe('SIGNATURE_TIMESTAMP_INVALID');
    const v2 = sign({ version: 'v2', secret, method, url, body });
    const hexes = { ...v2, 'X-HubSpot-Signature': [v2['X-HubSpot-Signature'] ?? '', 'f'.repeat(64)] };
    expect(failure(request({ headers: hexes })).code).toBe('SIGNATURE_MISMATCH');
    const versions = { ...v2, 'X-HubSpot-Signature-Version': 'v2, v1' };
    expect(failure(request({ headers: versions })).code).toBe('SIGNATURE_VERSION_UNSUPPORTED');
  });

  test('accepts the same value repeated', () => {
    const headers = new Headers([
      ['X-HubSpot-Signature-v3', good],
      ['X-HubSpot-Signature-v3', good],
      ['X-HubSpot-Request-Timestamp', String(now)],
    ]);
    expect(verifySignature(request({ headers })).ok).toBe(true);
    expect(readHeader({ a: ['x', 'x'] }, 'A')).toEqual({ kind: 'one', value: 'x' });
  });
});

describe('secret rotation', () => {
  const headers = sign({ version: 'all', secret: 'new-secret', method, url, body, timestamp: now });

  test('accepts either secret while rotating and reports which matched', () => {
    const { secret: _unused, ...withoutSecret } = request({ headers });
    const rotating = { ...withoutSecret, secrets: ['old-secret', 'new-secret'] };
    expect(verifySignature(rotating)).toEqual({ ok: true, version: 'v3', secretIndex: 1, v3UrlForm: 'same' });
    const both = request({ secret: 'new-secret', secrets: ['old-secret'], headers });
    expect(verifySignature(both)).toEqual({ ok: true, version: 'v3', secretIndex: 0, v3UrlForm: 'same' });
  });

  test.each(['v1', 'v2', 'v3'] as const)(
    '%s: the matching secret is found wherever it is in the list, and the first match is reported',
    (version) => {
      const signedNew = sign({ version, secret: 'new-secret', method, url, body, timestamp: now });
      const { secret: _unused, ...base } = request({ headers: signedNew, acceptVersions: everyVersion });
      const indexOf = (options: VerifySignatureOptions) => {
        const result = verifySignature(options);
        return result.ok ? result.secretIndex : result.code;
      };
      expect(indexOf({ ...base, secrets: ['a', 'b', 'new-secret'] })).toBe(2);
      expect(indexOf({ ...base, secret: 'a', secrets: ['b', 'new-secret'] })).toBe(2);
      expect(indexOf({ ...base, secret: 'a', secrets: ['new-secret', 'new-secret'] })).toBe(1);
      expect(indexOf({ ...base, secrets: ['a', 'b', 'c'] })).toBe('SIGNATURE_MISMATCH');
    },
  );

  test('refuses the old secret alone after rotation, explaining each secret tried', () => {
    expect(failure(request({ secret: 'old-secret', headers })).code).toBe('SIGNATURE_MISMATCH');
    const result = failure(request({ secret: 'older', secrets: ['old-secret'], headers }));
    expect(result.checked.map((attempt) => attempt.secretIndex)).toEqual([0, 1]);
    expect(result.message).toContain('None of the 2 client secrets matched');
  });
});

describe('header names are case-insensitive', () => {
  test('in a Headers object', () => {
    const headers = new Headers(sign({ version: 'all', secret, method, url, body, timestamp: now }));
    expect(verifySignature(request({ headers }))).toMatchObject({ ok: true, version: 'v3' });
  });

  test('in a plain record with lower-case names (Node IncomingMessage)', () => {
    for (const version of ['v1', 'v2', 'v3'] as const) {
      const signedHeaders = sign({ version, secret, method, url, body, timestamp: now });
      const lower: IncomingHttpHeaders = Object.fromEntries(
        Object.entries(signedHeaders).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const options = request({ headers: lower, acceptVersions: everyVersion });
      expect(verifySignature(options)).toMatchObject({ ok: true, version });
    }
  });
});

describe('mismatch messages', () => {
  test('state the exact string hashed, both signature prefixes and the next step', () => {
    const publicUrl = 'https://app.example.com/hooks/action?e=a%40b';
    const headers = sign({ version: 'v3', secret, method, url: publicUrl, body, timestamp: now });
    const result = failure(request({ headers, url: 'http://localhost:3000/hooks/action?e=a%40b' }));
    expect(result.message).toMatch(/^\[spoke\] v3 signature mismatch for POST http:\/\/localhost:3000/);
    expect(result.message).toContain(
      `the string hashed was "POST" + "http://localhost:3000/hooks/action?e=a@b" + body (${body.length} bytes) + "${now}"`,
    );
    expect(result.message).toContain(
      `Received "${headers['X-HubSpot-Signature-v3']?.slice(0, 8)}…" (44 chars)`,
    );
    // The signature the secret gives for the request as received, nor any part of it.
    const right = computeV3({
      secret,
      method,
      url: 'http://localhost:3000/hooks/action?e=a%40b',
      body,
      timestamp: now,
    });
    expect(result.message).not.toContain(right.slice(0, 6));
    expect(result.message).toContain('set publicUrl');
    expect(result.message).toMatch(/See docs\/errors\.md#signature-mismatch$/);
    expect(result.checked[0]?.source).toBe(`POSThttp://localhost:3000/hooks/action?e=a@b${body}${now}`);
  });

  test('v1 and v2 show the secret as <secret>', () => {
    expect(failure(signed('v1', { body: 'x' })).message).toContain(
      'the string hashed was <secret> + body (1 bytes)',
    );
    expect(failure(signed('v2', { body: 'x' })).checked[0]?.source).toBe(`<secret>POST${url}x`);
  });

  test('truncate a body over 2 KB in the message but keep it whole in checked', () => {
    const big = `{"note":"${'a'.repeat(5000)}"}`;
    const result = failure(request({ body: big }));
    expect(result.message).toContain('more characters of body');
    expect(result.message.length).toBeLessThan(3500);
    expect(result.checked[0]?.source).toBe(`POST${url}${big}${now}`);
    expect(result.checked[0]?.bodyBytes).toBe(big.length);
  });

  test('explain a v3 signature whose + became a space', () => {
    const headers = { ...sign({ version: 'v3', secret, method, url, body, timestamp: now }) };
    headers['X-HubSpot-Signature-v3'] = 'rQEKkaNUiu 1qGF//O/pw4BCzstSqO1PyUnGICmf 7o=';
    expect(failure(request({ headers })).message).toContain(
      "The signature contains a space where base64 has '+': it was URL-decoded upstream; read the raw header.",
    );
  });

  test('never contain the secret', () => {
    // Runs one failure of each kind here too, so the check holds when this test runs alone.
    const v2Only = sign({ version: 'v2', secret, method, url, body });
    for (const options of [
      request({ headers: {} }),
      request({ body: 'changed' }),
      signed('v1', { body: 'changed' }),
      signed('v2', { body: 'changed' }),
      request({ now: now + 300_001 }),
      request({ now: now - 300_001 }),
      request({ headers: { ...v2Only, 'X-HubSpot-Signature-Version': 'v9' } }),
      signed('v2', { strict: true }),
    ]) {
      failure(options);
    }
    expect(messages.length).toBeGreaterThan(8);
    for (const message of messages) expect(message).not.toContain(secret);
    for (const message of messages) expect(message).not.toContain('old-secret');
  });
});

describe('assertValidSignature', () => {
  test('returns the version and secret index on success', () => {
    expect(assertValidSignature(request())).toEqual({ version: 'v3', secretIndex: 0 });
  });

  test.each([
    ['SIGNATURE_MISSING', request({ headers: {} })],
    ['SIGNATURE_MISMATCH', request({ body: `${body} ` })],
    ['SIGNATURE_TIMESTAMP_STALE', request({ now: now + 300_001 })],
    ['SIGNATURE_V3_REQUIRED', signed('v2', { strict: true })],
  ] as const)('throws %s with the same message as verifySignature', (code, options) => {
    const result = failure(options);
    expect(() => assertValidSignature(options)).toThrowError(
      expect.objectContaining({ name: 'SpokeProtocolError', code, status: 401, message: result.message }),
    );
  });
});
