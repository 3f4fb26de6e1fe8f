import { Signature } from '@hubspot/api-client';
import { verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { runSign } from '../src/commands/sign.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
// A converter data fetch: URLSearchParams writes @ as %40, one of the escapes HubSpot's docs decode.
const url = 'https://app.example.com/card?userId=1&userEmail=ada%40example.com&portalId=62515&appId=1000';
// The official client refuses a timestamp older than five minutes, so sign with the real time.
const timestamp = Date.now();

async function signed(v3Url?: 'decoded' | 'raw') {
  const io = memoryIo({ now: () => timestamp });
  const code = await runSign({ secret, url, version: 'v3', json: true, ...(v3Url ? { v3Url } : {}) }, io);
  expect(code).toBe(0);
  return JSON.parse(io.out()) as {
    headers: Record<string, string>;
    hashed: { v3: string };
    v3UrlForm: string;
  };
}

const officialTakes = (signature: string | undefined) =>
  Signature.isValid({
    clientSecret: secret,
    requestBody: '',
    url,
    method: 'GET',
    signatureVersion: 'v3',
    signature: signature ?? '',
    timestamp,
  });

describe('spoke sign --v3-url', () => {
  test('raw hashes the URL as written, as hubspot.fetch and the official client do', async () => {
    const raw = await signed('raw');
    expect(raw.v3UrlForm).toBe('raw');
    expect(raw.hashed.v3).toBe(`GET${url}${timestamp}`);
    expect(officialTakes(raw.headers['X-HubSpot-Signature-v3'])).toBe(true);
    const verified = verifySignature({
      secret,
      method: 'GET',
      url,
      body: '',
      headers: raw.headers,
      now: timestamp,
    });
    expect(verified).toMatchObject({ ok: true, version: 'v3', v3UrlForm: 'raw' });
  });

  test("decoded (the default) hashes @ for %40, as HubSpot's docs say; the official client refuses it", async () => {
    const byDefault = await signed();
    const decoded = await signed('decoded');
    expect(byDefault).toEqual(decoded);
    expect(decoded.v3UrlForm).toBe('decoded');
    expect(decoded.hashed.v3).toContain('userEmail=ada@example.com');
    expect(officialTakes(decoded.headers['X-HubSpot-Signature-v3'])).toBe(false);
    const verified = verifySignature({
      secret,
      method: 'GET',
      url,
      body: '',
      headers: decoded.headers,
      now: timestamp,
    });
    expect(verified).toMatchObject({ ok: true, v3UrlForm: 'decoded' });
  });
});
