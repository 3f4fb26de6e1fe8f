import { Signature } from '@hubspot/api-client';
import { decodeUriForV3, type SignatureVersion, sign, verifySignature } from '@spoke/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

// Cross-check with the official Node client, an independent implementation of v1/v2/v3. docs/protocol.md §1
const runs = { seed: 20_240_601, numRuns: 200 } as const;
const versions: readonly SignatureVersion[] = ['v1', 'v2', 'v3'];

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
// Query values mix plain characters, raw sub-delimiters and escapes that v3 keeps (never one of the 12).
const queryValue = fc
  .array(
    fc.oneof(segment, fc.constantFrom('%20', '%26', '%3D', '%25', '%2B', '%C3%A9', '@', ':', '!', '+')),
    {
      maxLength: 4,
    },
  )
  .map((parts) => parts.join(''));
const url = fc
  .record({
    host: fc.domain(),
    path: fc.array(segment, { maxLength: 4 }),
    query: fc.array(fc.tuple(segment, queryValue), { maxLength: 4 }),
  })
  .map(({ host, path, query }) => {
    const search = query.map(([key, value]) => `${key}=${value}`).join('&');
    return `https://${host}/${path.join('/')}${search ? `?${search}` : ''}`;
  })
  .filter((candidate) => decodeUriForV3(candidate) === candidate);

const input = fc.record({
  secret: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  url,
  body: fc.oneof(fc.constant(''), fc.json(), fc.string({ unit: 'grapheme', maxLength: 200 })),
  // The SDK checks v3 age against the real clock; stay well inside the window both sides share.
  offset: fc.integer({ min: -200_000, max: 200_000 }),
  asBytes: fc.boolean(),
});

function sdkHeaders(version: SignatureVersion, signature: string, timestamp: number): Record<string, string> {
  if (version === 'v3') {
    return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) };
  }
  return { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': version };
}

describe('@hubspot/api-client Signature cross-check', () => {
  test('the SDK accepts what sign() produces, for v1, v2 and v3', () => {
    const now = Date.now();
    fc.assert(
      fc.property(input, ({ secret, method, url, body, offset }) => {
        const timestamp = now + offset;
        for (const version of versions) {
          const headers = sign({ version, secret, method, url, body, timestamp });
          const signature = headers['X-HubSpot-Signature-v3'] ?? headers['X-HubSpot-Signature'] ?? '';
          const options = { signature, clientSecret: secret, requestBody: body, url, method, timestamp };
          expect(Signature.isValid({ ...options, signatureVersion: version })).toBe(true);
        }
      }),
      runs,
    );
  });

  test('verifySignature() accepts what the SDK computes, for v1, v2 and v3', () => {
    const now = Date.now();
    fc.assert(
      fc.property(input, ({ secret, method, url, body, offset, asBytes }) => {
        const timestamp = now + offset;
        const raw = asBytes ? new TextEncoder().encode(body) : body;
        for (const version of versions) {
          const options = { signature: '', clientSecret: secret, requestBody: body, url, timestamp };
          const signature = Signature.getSignature(method, version, options);
          const headers = sdkHeaders(version, signature, timestamp);
          // The cross-check is about the computation: every version, v1 over an empty body included.
          const acceptVersions = ['v1', 'v2', 'v3'] as const;
          const verify = {
            secret,
            method,
            url,
            body: raw,
            headers,
            now,
            acceptVersions,
            allowV1EmptyBody: true,
          };
          // The URLs here hold none of the twelve escapes, so v3's two URL forms are one string.
          const form = version === 'v3' ? { v3UrlForm: 'same' } : {};
          expect(verifySignature(verify)).toEqual({ ok: true, version, secretIndex: 0, ...form });
        }
      }),
      runs,
    );
  });

  test('v1 without a version header is read as v1, as the SDK defaults', () => {
    const signature = Signature.getSignature('POST', 'v1', {
      signature: '',
      clientSecret: 's',
      requestBody: '{}',
    });
    const headers = { 'X-HubSpot-Signature': signature };
    expect(
      verifySignature({
        secret: 's',
        method: 'POST',
        url: 'https://x.test/',
        body: '{}',
        headers,
        acceptVersions: ['v1'],
      }),
    ).toEqual({
      ok: true,
      version: 'v1',
      secretIndex: 0,
    });
  });

  test('v3 differs from the SDK only when the URL holds one of the 12 decoded escapes', () => {
    const timestamp = Date.now();
    const options = { signature: '', clientSecret: 's', requestBody: '', timestamp };
    const escaped = 'https://x.test/card?userEmail=a%40b.com';
    const sdk = Signature.getSignature('GET', 'v3', { ...options, url: escaped });
    const ours = sign({ version: 'v3', secret: 's', method: 'GET', url: escaped, body: '', timestamp });
    expect(ours['X-HubSpot-Signature-v3']).not.toBe(sdk);
    // The SDK leaves decoding to the caller: given the decoded URL, both agree.
    const decoded = Signature.getSignature('GET', 'v3', { ...options, url: decodeUriForV3(escaped) });
    expect(ours['X-HubSpot-Signature-v3']).toBe(decoded);
  });

  test("sign() with v3UrlForm 'raw' is what the SDK computes, and the SDK's isValid accepts it", () => {
    const timestamp = Date.now();
    const escaped = 'https://x.test/card?userEmail=a%40b.com&name=a%20b%26c&q=%3A%2F';
    const signed = sign({
      version: 'v3',
      secret: 's',
      method: 'GET',
      url: escaped,
      body: '',
      timestamp,
      v3UrlForm: 'raw',
    });
    const signature = signed['X-HubSpot-Signature-v3'] ?? '';
    const options = { signature, clientSecret: 's', requestBody: '', url: escaped, method: 'GET', timestamp };
    expect(Signature.isValid({ ...options, signatureVersion: 'v3' })).toBe(true);
    expect(Signature.isValid({ ...options, url: decodeUriForV3(escaped), signatureVersion: 'v3' })).toBe(
      false,
    );
  });

  test('verifySignature() accepts what the SDK computes over a URL with %40, and says it matched the raw URL', () => {
    const now = Date.now();
    fc.assert(
      fc.property(input, ({ secret, method, url, body, offset }) => {
        const timestamp = now + offset;
        const escapedUrl = `${url}${url.includes('?') ? '&' : '?'}userEmail=someone%40example.com`;
        const options = {
          signature: '',
          clientSecret: secret,
          requestBody: body,
          url: escapedUrl,
          timestamp,
        };
        const signature = Signature.getSignature(method, 'v3', options);
        const headers = sdkHeaders('v3', signature, timestamp);
        const result = verifySignature({ secret, method, url: escapedUrl, body, headers, now });
        expect(result).toEqual({ ok: true, version: 'v3', secretIndex: 0, v3UrlForm: 'raw' });
      }),
      { ...runs, numRuns: 50 },
    );
  });
});
