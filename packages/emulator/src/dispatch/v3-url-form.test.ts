import { Signature } from '@hubspot/api-client';
import { decodeUriForV3, requestTimestampHeader, signatureV3Header, verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  legacyReply,
  portal,
  sequentialIds,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { dispatchCardFetch } from './card-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { signRequest } from './sign-request.ts';

// Legacy CRM cards sign v3 over the decoded URL (HubSpot's docs); hubspot.fetch, in converter
// mode, over the raw URL (HubSpot's SDK and local-dev proxy). docs/decisions/0011
const targetUrl = 'https://service.example.com/hubspot/card';

async function fetchCard(mode: 'legacy' | 'converter') {
  const service = recordingFetch(() => jsonResponse(legacyReply()));
  const result = await dispatchCardFetch({
    card: cardFor(targetUrl),
    record: contact,
    app,
    portal,
    user,
    mode,
    transport: createFetchTransport({ fetch: service.fetch }),
    // The official client checks the timestamp against the real clock.
    clock: () => Date.now(),
    randomUUID: sequentialIds(),
  });
  const call = service.calls[0];
  if (call === undefined) throw new Error('the service was not called');
  return { call, exchange: result.exchange };
}

function sdkAccepts(call: { method: string; url: string; headers: Headers; body: string }, url = call.url) {
  return Signature.isValid({
    signatureVersion: 'v3',
    method: call.method,
    url,
    requestBody: call.body,
    clientSecret: app.clientSecret,
    signature: call.headers.get(signatureV3Header) ?? '',
    timestamp: Number(call.headers.get(requestTimestampHeader)),
  });
}

describe('which URL the emulator signs v3 over', () => {
  test("converter mode signs the raw URL: the official client's Signature.isValid accepts it as received", async () => {
    const { call, exchange } = await fetchCard('converter');
    expect(call.url).toContain('userEmail=loggedinuser%40hubspot.com');
    expect(sdkAccepts(call)).toBe(true);
    expect(exchange.signature.v3UrlForm).toBe('raw');
    expect(exchange.signature.sources.v3).toContain('loggedinuser%40hubspot.com');
    const verdict = verifySignature({
      secret: app.clientSecret,
      method: call.method,
      url: call.url,
      body: call.body,
      headers: call.headers,
    });
    expect(verdict).toEqual({ ok: true, version: 'v3', secretIndex: 0, v3UrlForm: 'raw' });
  });

  test('legacy mode keeps the decoded form of HubSpot docs', async () => {
    const { exchange } = await fetchCard('legacy');
    expect(exchange.signature.v3UrlForm).toBe('decoded');
  });

  test('signRequest: decoded by default, raw on request, and the recorded source shows the URL hashed', () => {
    const url = 'https://service.example.com/hubspot?userEmail=a%40b.com';
    const base = {
      method: 'GET',
      url,
      body: '',
      secret: app.clientSecret,
      clock: () => Date.now(),
      timeoutMs: 5000,
    };
    const decoded = signRequest(base);
    const raw = signRequest({ ...base, v3UrlForm: 'raw' });
    expect(decoded.signature.v3UrlForm).toBe('decoded');
    expect(decoded.signature.sources.v3).toContain('a@b.com');
    expect(raw.signature.v3UrlForm).toBe('raw');
    expect(raw.signature.sources.v3).toContain('a%40b.com');
    const call = (signed: typeof raw) => ({
      method: 'GET',
      url,
      body: '',
      headers: new Headers(signed.request.headers),
    });
    expect(sdkAccepts(call(raw))).toBe(true);
    expect(sdkAccepts(call(decoded))).toBe(false);
    expect(sdkAccepts(call(decoded), decodeUriForV3(url))).toBe(true);
  });

  test('a v2-only call records no v3 URL form', () => {
    const signed = signRequest({
      method: 'GET',
      url: targetUrl,
      body: '',
      secret: app.clientSecret,
      clock: () => Date.now(),
      timeoutMs: 5000,
      versions: ['v2'],
      v3UrlForm: 'raw',
    });
    expect(signed.signature.v3UrlForm).toBeUndefined();
  });
});
