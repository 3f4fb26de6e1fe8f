import { createHash, createHmac } from 'node:crypto';
import { type HeaderSource, readHeader } from '@spoke/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SignatureBody } from '../src/signature/body.ts';
import { hmacSha256Base64, ownUpdateFrom, sha256Hex, sha256HexWith } from '../src/signature/digest.ts';
import { readSignatureHeaders } from '../src/signature/headers.ts';
import { safeEqual } from '../src/signature/safe-equal.ts';

// The digests are plain node:crypto; what is checked here is that a text body (hashed in one
// update with the text around it) and the same text as bytes (one update per part) give the digest
// of the whole source, that a view hashes only its own bytes, and that the one-pass header read
// gives what readHeader gives.
function hmacReference(secret: string, source: Uint8Array): string {
  return createHmac('sha256', secret).update(source).digest('base64');
}

function sha256Reference(source: Uint8Array): string {
  return createHash('sha256').update(source).digest('hex');
}

const utf8 = (value: string) => Buffer.from(value, 'utf8');
const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
// Bodies as text or bytes (bytes need not be UTF-8), some of them large; text on both sides of the
// length from which a text body is hashed in its own update().
const body = fc.oneof(
  text(300),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer({ min: 16_000, max: 70_000 }).map((length) => new Uint8Array(length).fill(98)),
  fc.integer({ min: ownUpdateFrom - 4, max: ownUpdateFrom + 4 }).map((length) => 'é'.repeat(length)),
  fc.integer({ min: 16_000, max: 70_000 }).map((length) => `{"a":"${'x€😀'.repeat(length / 4)}"}`),
);
const bodyBytes = (payload: SignatureBody) => (typeof payload === 'string' ? utf8(payload) : payload);

describe('signature digests', () => {
  test('the v3 HMAC is createHmac over head + body + tail, for text and byte bodies and every key length', () => {
    fc.assert(
      fc.property(text(150).filter(Boolean), text(200), body, text(20), (secret, head, payload, tail) => {
        const source = Buffer.concat([utf8(head), bodyBytes(payload), utf8(tail)]);
        expect(hmacSha256Base64(secret, head, payload, tail)).toBe(hmacReference(secret, source));
      }),
      { seed: 20_251_126, numRuns: 150 },
    );
  });

  test('the v1/v2 SHA-256 is createHash over secret + text + body, for text and byte bodies', () => {
    fc.assert(
      fc.property(text(80), text(200), body, (secret, prefix, payload) => {
        const source = Buffer.concat([utf8(secret + prefix), bodyBytes(payload)]);
        const expected = sha256Reference(source);
        expect(sha256Hex(secret, prefix, payload)).toBe(expected);
        // A runtime without crypto.hash() takes createHash for the small text bodies too.
        expect(sha256HexWith(undefined, secret, prefix, payload)).toBe(expected);
      }),
      { seed: 20_251_127, numRuns: 150 },
    );
  });

  test('a small text body takes the one-shot hash when the runtime has one, and large bodies never do', () => {
    const calls: string[] = [];
    const oneShot = (algorithm: 'sha256', data: string, encoding: 'hex') => {
      calls.push(data);
      return createHash(algorithm).update(data, 'utf8').digest(encoding);
    };
    const small = '{"portalId":62515}';
    expect(sha256HexWith(oneShot, 's', 'POSThttps://a.example/x', small)).toBe(
      sha256Reference(utf8(`sPOSThttps://a.example/x${small}`)),
    );
    expect(calls).toEqual([`sPOSThttps://a.example/x${small}`]);
    const large = 'y'.repeat(ownUpdateFrom);
    expect(sha256HexWith(oneShot, 's', '', large)).toBe(sha256Reference(utf8(`s${large}`)));
    expect(sha256HexWith(oneShot, 's', '', utf8(small))).toBe(sha256Reference(utf8(`s${small}`)));
    expect(calls).toHaveLength(1);
  });

  test('a view into a larger buffer hashes only its own bytes, as its text would', () => {
    const secret = 'k'.repeat(65);
    const view = new Uint8Array(Buffer.from('xx{"a":1}yy')).subarray(2, 9);
    expect(sha256Hex(secret, 'GET', view)).toBe(sha256Hex(secret, 'GET', '{"a":1}'));
    expect(hmacSha256Base64(secret, '', view, '')).toBe(hmacSha256Base64(secret, '', '{"a":1}', ''));
  });

  test('many secrets in turn keep giving the right HMAC (the key cache is bounded, not stale)', () => {
    for (let round = 0; round < 2; round += 1) {
      for (let index = 0; index < 40; index += 1) {
        const secret = `secret-${index}`;
        expect(hmacSha256Base64(secret, 'GET', '', '1')).toBe(hmacReference(secret, utf8('GET1')));
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

  test('tells apart characters that share a low byte (a one-byte write alone would not)', () => {
    const expected = 'a'.repeat(64);
    // U+0161 and U+FF61 end in 0x61, the byte of 'a'; U+D861 is a lone surrogate.
    for (const odd of ['\u0161', '\uff61', '\ud861', '\u00e1']) {
      expect(safeEqual(`${odd}${'a'.repeat(63)}`, expected)).toBe(false);
      expect(safeEqual(`${'a'.repeat(63)}${odd}`, expected)).toBe(false);
    }
    expect(safeEqual(`${'a'.repeat(62)}\u0161\uff61`, expected)).toBe(false);
  });

  test('agrees with === for any two strings, lengths mixed from call to call (buffers are reused)', () => {
    const signature = fc.oneof(
      fc.constantFrom('a'.repeat(64), 'b'.repeat(44), `${'a'.repeat(63)}b`),
      fc.string({ minLength: 43, maxLength: 45 }),
      fc.string({ unit: 'binary', minLength: 63, maxLength: 65 }),
      fc.stringMatching(/^[0-9a-f]{64}$/),
    );
    fc.assert(
      fc.property(signature, signature, (received, expected) => {
        expect(safeEqual(received, expected)).toBe(received === expected);
        expect(safeEqual(expected, expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
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
