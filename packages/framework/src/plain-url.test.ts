import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { requestTargets } from '../test/url-arbitraries.ts';
import { callUrlOfHref, fromUrl } from './plain-url.ts';

const origins = fc.constantFrom(
  'http://localhost',
  'http://LocalHost:3000',
  'http://127.0.0.1:80',
  'http://127.0.0.1:3000',
  'http://127.1',
  'https://example.com:443',
  'https://example.com',
  'http://[::1]:8080',
  'http://Example.COM',
  'http://user@evil.com',
  'http://xn--nxasmq6b.com',
  'http://0x7f.1',
  'HTTP://example.com',
  'http://example.com:0080',
);

describe('callUrlOfHref', () => {
  test('gives the same URL parts as the WHATWG parser for any absolute URL', () => {
    fc.assert(
      fc.property(origins, requestTargets, (origin, target) => {
        const href = `${origin}${target}`;
        fc.pre(URL.canParse(href));
        expect(callUrlOfHref(href)).toEqual(fromUrl(new URL(href)));
      }),
      { seed: 20261203, numRuns: 3000 },
    );
  });

  test('splits a usual card fetch URL without changing it', () => {
    const href =
      'http://127.0.0.1:3000/hubspot/card?userId=1&userEmail=a%40b.co&associatedObjectId=5&portalId=62515';
    expect(callUrlOfHref(href)).toEqual({
      href,
      scheme: 'http',
      host: '127.0.0.1:3000',
      pathname: '/hubspot/card',
      search: href.slice(href.indexOf('?')),
    });
  });

  test('takes the parser for what it would respell: host case, default port, dot segments, odd schemes', () => {
    expect(callUrlOfHref('http://Example.COM:80/a/../card?x=1').href).toBe('http://example.com/card?x=1');
    expect(callUrlOfHref("https://h/card?q='").search).toBe('?q=%27');
    expect(callUrlOfHref('http://h/card#part')).toMatchObject({ pathname: '/card', search: '' });
    expect(callUrlOfHref('ftp://h/card').scheme).toBe('ftp');
    expect(callUrlOfHref('http://h').href).toBe('http://h/');
  });
});
