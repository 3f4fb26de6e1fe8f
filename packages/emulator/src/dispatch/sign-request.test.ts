import {
  limits,
  requestTimestampHeader,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
  verifySignature,
} from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { fixedNow, secret } from '../../test/helpers/dispatch-fixtures.ts';
import type { Faults } from './faults.ts';
import { correlationIdHeader, platformUserAgent, signRequest, timeoutMillisHeader } from './sign-request.ts';

const url = 'https://service.example.com/hubspot?userEmail=a%40b.com&name=a%20b';
const body = '{"portalId":1}';

function signed(extra: { faults?: Faults; versions?: readonly ('v1' | 'v2' | 'v3')[] } = {}) {
  return signRequest({
    method: 'post',
    url,
    body,
    secret,
    clock: () => fixedNow,
    randomUUID: () => 'corr-1',
    timeoutMs: 5000,
    contentType: 'application/json',
    ...extra,
  });
}

function verify(headers: Record<string, string>, now = fixedNow) {
  // Checks each version's computation: v1 and v2 included (a service's default is v3 only).
  return verifySignature({
    secret,
    method: 'POST',
    url,
    body,
    headers,
    now,
    acceptVersions: ['v1', 'v2', 'v3'],
  });
}

function withoutV3(headers: Record<string, string>) {
  const { [signatureV3Header]: _v3, [requestTimestampHeader]: _ts, ...rest } = headers;
  return rest;
}

describe('signRequest', () => {
  test('sends v2 and v3 signatures that the protocol verifier accepts, timestamped by the clock', () => {
    const { request, signature } = signed();
    expect(request.headers[requestTimestampHeader]).toBe(String(fixedNow));
    expect(request.headers[signatureVersionHeader]).toBe('v2');
    expect(verify(request.headers)).toMatchObject({ ok: true, version: 'v3' });
    expect(verify(withoutV3(request.headers))).toMatchObject({ ok: true, version: 'v2' });
    expect(signature).toMatchObject({ versions: ['v2', 'v3'], timestamp: String(fixedNow) });
    expect(signature.fault).toBeUndefined();
  });

  test('sets the correlation id, timeout, user agent and content type headers', () => {
    const { request, correlationId } = signed();
    expect(correlationId).toBe('corr-1');
    expect(request.method).toBe('POST');
    expect(request.headers).toMatchObject({
      [correlationIdHeader]: 'corr-1',
      [timeoutMillisHeader]: '5000',
      'User-Agent': platformUserAgent,
      'Content-Type': 'application/json',
    });
    expect(platformUserAgent).toMatch(/HubSpot/);
  });

  test('leaves out the content type when there is no body', () => {
    const { request } = signRequest({
      method: 'GET',
      url,
      body: '',
      secret,
      clock: () => fixedNow,
      timeoutMs: 5000,
      contentType: 'application/json',
    });
    expect(request.headers['Content-Type']).toBeUndefined();
  });

  test('records the exact strings hashed, with the secret elided', () => {
    const { signature } = signed();
    expect(signature.sources.v2).toBe(`<secret>POST${url}${body}`);
    expect(signature.sources.v3).toBe(
      `POSThttps://service.example.com/hubspot?userEmail=a@b.com&name=a%20b${body}${fixedNow}`,
    );
    expect(JSON.stringify(signature)).not.toContain(secret);
  });

  test('signs with v1 instead of v2 when asked', () => {
    const { request, signature } = signed({ versions: ['v1', 'v3'] });
    expect(request.headers[signatureVersionHeader]).toBe('v1');
    expect(verify(withoutV3(request.headers))).toMatchObject({ ok: true, version: 'v1' });
    expect(signature.sources.v1).toBe(`<secret>${body}`);
  });

  test('refuses to sign with v1 and v2 at once, since they share a header', () => {
    expect(() => signed({ versions: ['v1', 'v2'] })).toThrow(
      expect.objectContaining({ code: 'EMULATOR_CONFIG_INVALID' }),
    );
  });
});

describe('signRequest faults', () => {
  test('a corrupt signature fails v3 and v2 verification but keeps the header format', () => {
    const good = signed().request.headers;
    const { request, signature } = signed({ faults: { corruptSignature: true } });
    const bad = request.headers;
    expect(bad[signatureV3Header]).toHaveLength(good[signatureV3Header]?.length ?? 0);
    expect(bad[signatureV3Header]).not.toBe(good[signatureV3Header]);
    expect(bad[signatureHeader]).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(bad)).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    expect(verify(withoutV3(bad))).toMatchObject({ ok: false, code: 'SIGNATURE_MISMATCH' });
    expect(signature.fault).toBe('corrupt signature');
  });

  test('a stale timestamp is older than the allowed skew and is rejected as stale', () => {
    const { request, signature } = signed({ faults: { staleTimestamp: true } });
    expect(Number(signature.timestamp)).toBe(fixedNow - 2 * limits.maxClockSkewMs);
    expect(verify(request.headers)).toMatchObject({ ok: false, code: 'SIGNATURE_TIMESTAMP_STALE' });
  });

  test('a future timestamp is rejected as from the future', () => {
    const { request } = signed({ faults: { futureTimestamp: true } });
    expect(verify(request.headers)).toMatchObject({ ok: false, code: 'SIGNATURE_TIMESTAMP_FUTURE' });
  });

  test.each([
    ['v1', [signatureHeader, signatureVersionHeader]],
    ['v2', [signatureHeader, signatureVersionHeader]],
    ['v3', [signatureV3Header, requestTimestampHeader]],
  ] as const)('a %s-only fault sends only that signature', (version, expected) => {
    const { request, signature } = signed({ faults: { signatureVersion: version } });
    const present = [
      signatureHeader,
      signatureVersionHeader,
      signatureV3Header,
      requestTimestampHeader,
    ].filter((name) => request.headers[name] !== undefined);
    expect(present.sort()).toEqual([...expected].sort());
    expect(signature.versions).toEqual([version]);
    expect(signature.fault).toBe(`only ${version} signature`);
    expect(verify(request.headers)).toMatchObject({ ok: true, version });
  });
});
