import { computeV3, decodeUriForV3, type V3UrlForm, verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

// v3 over the decoded URL (HubSpot's docs) or the raw URL (HubSpot's SDK and local-dev proxy):
// both are accepted, the result says which, and nothing else is. docs/decisions/0011
const secret = 'converter-secret';
const now = 1_700_000_000_000;
const url =
  'https://service.example.com/card?userId=1&userEmail=someone%40example.com&associatedObjectId=53701&name=a%20b%26c';
const body = '';

function headers(signature: string, timestamp: number | string = now): Record<string, string> {
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) };
}

function signedOver(
  form: V3UrlForm,
  overrides: { secret?: string; url?: string; method?: string; body?: string } = {},
) {
  return computeV3({
    secret: overrides.secret ?? secret,
    method: overrides.method ?? 'GET',
    url: overrides.url ?? url,
    body: overrides.body ?? body,
    timestamp: now,
    urlForm: form,
  });
}

describe('v3 over the decoded or the raw URL', () => {
  test('the two forms differ for a converter URL (%40 in userEmail)', () => {
    expect(decodeUriForV3(url)).not.toBe(url);
    expect(signedOver('decoded')).not.toBe(signedOver('raw'));
  });

  test.each(['decoded', 'raw'] as const)('accepts a v3 signature over the %s URL and says so', (form) => {
    const result = verifySignature({
      secret,
      method: 'GET',
      url,
      body,
      headers: headers(signedOver(form)),
      now,
    });
    expect(result).toEqual({ ok: true, version: 'v3', secretIndex: 0, v3UrlForm: form });
  });

  test('says which secret and which form matched while rotating', () => {
    const signature = signedOver('raw', { secret: 'new-secret' });
    const result = verifySignature({
      secrets: ['old-secret', 'new-secret'],
      method: 'GET',
      url,
      body,
      headers: headers(signature),
      now,
    });
    expect(result).toEqual({ ok: true, version: 'v3', secretIndex: 1, v3UrlForm: 'raw' });
  });

  // Every tampered request is refused whichever form it was signed over.
  const tampered: readonly {
    name: string;
    signature: (form: V3UrlForm) => string;
    url?: string;
    method?: string;
    body?: string;
    timestamp?: number;
    code: string;
  }[] = [
    {
      name: 'wrong secret',
      signature: (form) => signedOver(form, { secret: 'other' }),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'another userEmail in the query',
      signature: (form) => signedOver(form),
      url: url.replace('someone%40', 'intruder%40'),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'signed over %40, received with a literal @ (raw form no longer holds)',
      signature: () => signedOver('raw'),
      url: url.replace('%40', '@').replace('%20', ' '),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: '%26 decoded (not one of the twelve escapes)',
      signature: () => signedOver('raw', { url: url.replace('%26', '&') }),
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'another method',
      signature: (form) => signedOver(form),
      method: 'POST',
      code: 'SIGNATURE_MISMATCH',
    },
    { name: 'a body added', signature: (form) => signedOver(form), body: '{}', code: 'SIGNATURE_MISMATCH' },
    {
      name: 'another timestamp header',
      signature: (form) => signedOver(form),
      timestamp: now + 1,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'stale (six minutes old)',
      signature: (form) => signedOver(form),
      timestamp: now - 360_000,
      code: 'SIGNATURE_TIMESTAMP_STALE',
    },
  ];

  for (const form of ['decoded', 'raw'] as const) {
    test.each(tampered)(`refuses a ${form}-URL signature with $name`, (row) => {
      const timestamp = row.timestamp ?? now;
      const result = verifySignature({
        secret,
        method: row.method ?? 'GET',
        url: row.url ?? url,
        body: row.body ?? body,
        headers: headers(row.signature(form), timestamp),
        now,
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(row.code);
    });
  }

  test('a mismatch reports both forms tried, and says HubSpot docs and SDK hash different URLs', () => {
    const result = verifySignature({
      secret,
      method: 'GET',
      url,
      body,
      headers: headers(signedOver('raw', { secret: 'other' })),
      now,
    });
    if (result.ok) throw new Error('expected a mismatch');
    expect(result.checked.map((attempt) => attempt.urlForm)).toEqual(['decoded', 'raw']);
    expect(result.checked[0]?.source).toContain('someone@example.com');
    expect(result.checked[1]?.source).toContain('someone%40example.com');
    expect(result.message).toContain("HubSpot's official client and local-dev proxy");
  });

  test('a URL without the twelve escapes tries one form and reports `same`', () => {
    const plain = 'https://service.example.com/card?userId=1&name=a%20b';
    const signature = computeV3({ secret, method: 'GET', url: plain, body, timestamp: now });
    const result = verifySignature({
      secret,
      method: 'GET',
      url: plain,
      body,
      headers: headers(signature),
      now,
    });
    expect(result).toEqual({ ok: true, version: 'v3', secretIndex: 0, v3UrlForm: 'same' });
    const refused = verifySignature({
      secret: 'x',
      method: 'GET',
      url: plain,
      body,
      headers: headers(signature),
      now,
    });
    if (refused.ok) throw new Error('expected a mismatch');
    expect(refused.checked.map((attempt) => attempt.urlForm)).toEqual(['decoded']);
  });
});
