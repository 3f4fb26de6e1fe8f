import { createHash, createHmac } from 'node:crypto';
import { type HeaderSource, readHeader } from '@spoke/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SignatureBody } from '../src/signature/body.ts';
import { hmacSha256Base64, sha256Hex } from '../src/signature/digest.ts';
import { readSignatureHeaders } from '../src/signature/headers.ts';
import { safeEqual } from '../src/signature/safe-equal.ts';

// The verifier's per-request shortcuts (one-shot hashing, HMAC from two hashes, one-pass header
// reads, an allocation-free compare) must give exactly what the plain node:crypto and readHeader
// forms give, including around the one-shot size limit (16 KiB) and for keys past the HMAC block.
const oneShotBytes = 16 * 1024;

function hmacReference(secret: string, head: string, body: SignatureBody, tail: string): string {
  return createHmac('sha256', secret).update(head, 'utf8').update(body).update(tail, 'utf8').digest('base64');
}

function sha256Reference(text: string, body: SignatureBody): string {
  return createHash('sha256').update(text, 'utf8').update(body).digest('hex');
}

const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
// Bodies as text or bytes; some land just under, at and just over the one-shot limit.
const body = fc.oneof(
  text(300),
  fc.uint8Array({ maxLength: 300 }),
  fc
    .integer({ min: oneShotBytes - 300, max: oneShotBytes + 80 })
    .chain((length) =>
      fc.oneof(fc.constant('b'.repeat(length)), fc.constant(new Uint8Array(length).fill(98))),
    ),
);

describe('signature digests', () => {
  test('HMAC from two one-shot hashes equals createHmac for every key length', () => {
    fc.assert(
      fc.property(text(150).filter(Boolean), text(200), body, text(20), (secret, head, payload, tail) => {
        expect(hmacSha256Base64(secret, head, payload, tail)).toBe(
          hmacReference(secret, head, payload, tail),
        );
      }),
      { seed: 20_251_126, numRuns: 150 },
    );
  });

  test('the one-shot SHA-256 equals createHash', () => {
    fc.assert(
      fc.property(text(80), text(200), body, (secret, prefix, payload) => {
        expect(sha256Hex(secret, prefix, payload)).toBe(sha256Reference(secret + prefix, payload));
      }),
      { seed: 20_251_127, numRuns: 150 },
    );
  });

  test('a body that fills the one-shot buffer exactly, and a view into a larger buffer', () => {
    const secret = 'k'.repeat(65);
    // The HMAC key block, then head, body and tail at their worst-case UTF-8 size: exactly at the bound.
    const exact = new Uint8Array(oneShotBytes - 64 - 4 * 3 - 13 * 3).fill(7);
    expect(hmacSha256Base64(secret, 'POST', exact, '1700000000000')).toBe(
      hmacReference(secret, 'POST', exact, '1700000000000'),
    );
    const view = new Uint8Array(Buffer.from('xx{"a":1}yy')).subarray(2, 9);
    expect(sha256Hex(secret, 'GET', view)).toBe(sha256Reference(`${secret}GET`, '{"a":1}'));
    expect(hmacSha256Base64(secret, '', view, '')).toBe(hmacReference(secret, '', '{"a":1}', ''));
  });

  test('many secrets in turn keep giving the right HMAC (the key cache is bounded, not stale)', () => {
    for (let round = 0; round < 2; round += 1) {
      for (let index = 0; index < 40; index += 1) {
        const secret = `secret-${index}`;
        expect(hmacSha256Base64(secret, 'GET', '', '1')).toBe(hmacReference(secret, 'GET', '', '1'));
      }
    }
  });
});

describe('safeEqual', () => {
  test('is true only for the same string', () => {
    const expected = 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=';
    expect(safeEqual(expected, expected)).toBe(true);
    // An equal string built separately (not the same object).
    expect(safeEqual(expected.slice(0, 10).concat(expected.slice(10)), expected)).toBe(true);
    for (let index = 0; index < expected.length; index += 1) {
      const changed = `${expected.slice(0, index)}${expected[index] === 'A' ? 'B' : 'A'}${expected.slice(index + 1)}`;
      expect(safeEqual(changed, expected)).toBe(false);
    }
    expect(safeEqual(expected.slice(0, -1), expected)).toBe(false);
    expect(safeEqual(`${expected}A`, expected)).toBe(false);
    expect(safeEqual('', expected)).toBe(false);
    expect(safeEqual('\u0000'.repeat(expected.length), expected)).toBe(false);
  });
});

describe('readSignatureHeaders', () => {
  const names = [
    'X-HubSpot-Signature-v3',
    'X-HubSpot-Request-Timestamp',
    'X-HubSpot-Signature',
    'X-HubSpot-Signature-Version',
  ] as const;
  const nameVariant = fc.oneof(
    fc
      .constantFrom(...names)
      .chain((name) =>
        fc.constantFrom(name, name.toLowerCase(), name.toUpperCase(), name.replace('Sig', 'sIG')),
      ),
    fc.constantFrom('host', 'content-type', 'x-hubspot-correlation-id', 'x-hubspot-signature-v2'),
  );
  const value = fc.oneof(
    fc.constantFrom('abc', 'v1', 'v2', 'V2', '1700000000000', '', 'a,b', 'a, a', ' ,'),
    fc.array(fc.constantFrom('abc', 'abd', '', 'a,b'), { maxLength: 3 }),
    fc.constant(undefined),
  );
  const record = fc.array(fc.tuple(nameVariant, value), { maxLength: 8 }).map((entries) => {
    const out: Record<string, string | string[] | undefined> = {};
    for (const [name, each] of entries) out[name] = each;
    return out;
  });

  test('gives what readHeader gives for each name, for records and Headers', () => {
    fc.assert(
      fc.property(record, (headers) => {
        const sources: HeaderSource[] = [headers];
        const fetchHeaders = new Headers();
        for (const [name, each] of Object.entries(headers)) {
          if (typeof each === 'string') fetchHeaders.append(name, each);
          else for (const item of each ?? []) fetchHeaders.append(name, item);
        }
        sources.push(fetchHeaders);
        for (const source of sources) {
          const read = readSignatureHeaders(source);
          expect(read.v3).toEqual(readHeader(source, names[0]));
          expect(read.timestamp).toEqual(readHeader(source, names[1]));
          expect(read.hex).toEqual(readHeader(source, names[2]));
          expect(read.version).toEqual(readHeader(source, names[3]));
        }
      }),
      { seed: 20_251_128, numRuns: 150 },
    );
  });
});
