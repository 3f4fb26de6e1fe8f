import { describe, expect, test } from 'vitest';
import { checkTargetUrl, wireUrl } from './transport.ts';

describe('wireUrl', () => {
  test('gives a bare host the / path it is requested with', () => {
    expect(wireUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/');
    expect(wireUrl('http://127.0.0.1:3000?a=1')).toBe('http://127.0.0.1:3000/?a=1');
  });

  test('keeps existing escapes and drops the fragment, which is never sent', () => {
    expect(wireUrl('https://a.example.com/p?email=a%40b.com&name=a%20b%26c#frag')).toBe(
      'https://a.example.com/p?email=a%40b.com&name=a%20b%26c',
    );
  });

  test('escapes what a client must escape on the wire', () => {
    expect(wireUrl('https://a.example.com/a b?q=x y')).toBe('https://a.example.com/a%20b?q=x%20y');
  });

  test('returns a URL that does not parse unchanged', () => {
    expect(wireUrl('/relative')).toBe('/relative');
  });
});

describe('checkTargetUrl', () => {
  test('accepts http and https only', () => {
    expect(checkTargetUrl('https://a.example.com/x').ok).toBe(true);
    expect(checkTargetUrl('ftp://a.example.com/x')).toMatchObject({ ok: false });
    expect(checkTargetUrl('nope')).toMatchObject({ ok: false });
  });
});

describe('the URL signed is the URL sent', () => {
  test('a lone trailing ? is not on the wire, so it is not signed either', () => {
    expect(wireUrl('https://a.example.com/hook?')).toBe('https://a.example.com/hook');
    expect(wireUrl('https://a.example.com/hook?#x')).toBe('https://a.example.com/hook');
    expect(wireUrl('https://a.example.com/hook?a=')).toBe('https://a.example.com/hook?a=');
  });

  test('userinfo is refused before anything is signed or sent', () => {
    const checked = checkTargetUrl('https://user:S3cr3tPass@a.example.com/hook');
    expect(checked).toMatchObject({ ok: false });
    if (!checked.ok) expect(checked.message).not.toContain('S3cr3tPass');
  });
});

describe('checkTargetUrl refuses what the parser would rewrite', () => {
  test('leading whitespace or control characters, a backslash before the query', () => {
    for (const url of [
      ' http://evil.test/x',
      '\u0001http://evil.test/x',
      'https:\\\\evil.test/x',
      'http://svc.test\\@evil.test/x',
    ]) {
      expect(checkTargetUrl(url), url).toMatchObject({ ok: false });
    }
    expect(checkTargetUrl('http://svc.test/x?q=a\\b').ok).toBe(true);
  });
});
