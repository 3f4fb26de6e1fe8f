import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { requestTargets } from '../../test/url-arbitraries.ts';
import { callUrlOf, slowCallUrl } from './call-url.ts';

/** Just what `callUrlOf` reads of a request. */
function fakeRequest(host: string | undefined, encrypted = false): IncomingMessage {
  return { headers: host === undefined ? {} : { host }, socket: { encrypted } } as unknown as IncomingMessage;
}

const hosts = fc.constantFrom(
  undefined,
  'localhost',
  'LocalHost:3000',
  '127.0.0.1:80',
  '127.1',
  'example.com:443',
  '[::1]:8080',
  'Example.COM',
  'bad host[',
  'user@evil.com',
  'a/b',
  'a?b',
  'xn--nxasmq6b.com',
  '0x7f.1',
  '',
);

describe('callUrlOf', () => {
  test('gives the same URL parts as the WHATWG parser for any target and Host', () => {
    fc.assert(
      fc.property(requestTargets, hosts, fc.boolean(), (target, host, encrypted) => {
        const scheme = encrypted ? 'https' : 'http';
        expect(callUrlOf(fakeRequest(host, encrypted), target)).toEqual(slowCallUrl(scheme, host, target));
      }),
      { seed: 20261126, numRuns: 3000 },
    );
  });

  test('splits a usual card fetch target without changing it', () => {
    const target = '/hubspot/card?userId=1&userEmail=a%40b.co&associatedObjectId=5&portalId=62515';
    expect(callUrlOf(fakeRequest('127.0.0.1:3000'), target)).toEqual({
      href: `http://127.0.0.1:3000${target}`,
      scheme: 'http',
      host: '127.0.0.1:3000',
      pathname: '/hubspot/card',
      search: target.slice(target.indexOf('?')),
    });
  });

  test('normalises what a URL parser would: dot segments, default ports, host case', () => {
    expect(callUrlOf(fakeRequest('Example.COM:80'), '/a/../card?x=1').href).toBe(
      'http://example.com/card?x=1',
    );
    expect(callUrlOf(fakeRequest('h', true), '/%2e%2E/card').pathname).toBe('/card');
  });

  test('falls back to localhost for a missing or malformed Host', () => {
    expect(callUrlOf(fakeRequest(undefined), '/card').href).toBe('http://localhost/card');
    expect(callUrlOf(fakeRequest('bad host['), '/card').href).toBe('http://localhost/card');
  });
});
