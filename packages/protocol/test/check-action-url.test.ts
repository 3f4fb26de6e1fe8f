import { checkActionUrl } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const baseUrls = ['https://svc.example.com/hubspot', 'http://127.0.0.1:3000'];
const legacy = (uri: string) => checkActionUrl(uri, { baseUrls });
const converter = (uri: string) =>
  checkActionUrl(uri, { baseUrls, mode: 'converter', relativeTo: 'https://card.example.com/crm/card' });

describe('checkActionUrl: actions.baseUrls on the parsed URL', () => {
  test('allows the base path and what is below it, at a segment boundary', () => {
    for (const check of [legacy, converter]) {
      expect(check('https://svc.example.com/hubspot')).toEqual({
        ok: true,
        url: 'https://svc.example.com/hubspot',
      });
      expect(check('https://svc.example.com/hubspot/x?y=1').ok).toBe(true);
      expect(check('https://SVC.example.com:443/hubspot/x').ok).toBe(true);
      expect(check('http://127.0.0.1:3000/anything').ok).toBe(true);
    }
  });

  test('refuses a string prefix that is not a segment, another origin, or dot segments that leave the base', () => {
    for (const check of [legacy, converter]) {
      for (const uri of [
        'https://svc.example.com/hubspot-evil',
        'https://svc.example.com/hubspotx/y',
        'https://svc.example.com/hubspot/../admin',
        'https://svc.example.com/hubspot%2F..%2Fadmin',
        'https://svc.example.com.evil.test/hubspot',
        'http://svc.example.com/hubspot',
        'https://svc.example.com:8443/hubspot',
        'http://127.0.0.1:3001/x',
      ]) {
        const result = check(uri);
        expect(result.ok, uri).toBe(false);
      }
    }
  });

  test('refuses, in both modes and with a reason, the shapes parsers disagree on', () => {
    const cases: [string, RegExp][] = [
      ['//evil.test/hubspot', /scheme-relative/],
      ['\\\\evil.test/hubspot', /backslash/],
      ['https:\\\\evil.test/hubspot', /backslash/],
      ['/\\evil.test/x', /backslash/],
      [' http://evil.test/hubspot', /whitespace/],
      ['\u0000https://evil.test/hubspot', /control/],
      ['https://svc.example.com/hubspot\\@evil.test/', /backslash/],
      ['/\t/evil.test/x', /refused/],
      ['https://svc.exam\tple.com.evil.test/hubspot', /not at or below/],
      ['https:/evil.test/hubspot', /without \/\//],
      ['https://user:pw@svc.example.com/hubspot/x', /user name or password/],
      ['https://user@svc.example.com/hubspot/x', /user name or password/],
      ['javascript:alert(1)', /only http and https/],
    ];
    for (const [uri, reason] of cases) {
      for (const check of [legacy, converter]) {
        const result = check(uri);
        expect(result.ok, uri).toBe(false);
        if (!result.ok) expect(result.reason, uri).toMatch(reason);
      }
    }
  });

  test('what the parser only tidies (a tab in the query, a trailing space) is checked as parsed', () => {
    expect(legacy('https://svc.example.com/hubspot/x?v=a\tb ')).toEqual({
      ok: true,
      url: 'https://svc.example.com/hubspot/x?v=ab',
    });
    expect(legacy('https://svc.example.com/hubspot/x?v=a\\b').ok).toBe(true);
  });

  test('a relative path: refused in legacy, resolved on the card origin in converter mode', () => {
    expect(legacy('/close').ok).toBe(false);
    expect(converter('/close')).toEqual({ ok: true, url: 'https://card.example.com/close' });
    expect(converter('edit?x=1')).toEqual({ ok: true, url: 'https://card.example.com/crm/edit?x=1' });
    expect(checkActionUrl('/close', { baseUrls, mode: 'converter' }).ok).toBe(false);
  });
});
