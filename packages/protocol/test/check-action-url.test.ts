import { checkActionUrl, converterActionWarning, converterClickCheck } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const baseUrls = ['https://svc.example.com/hubspot', 'http://127.0.0.1:3000'];
const legacy = (uri: string) => checkActionUrl(uri, { baseUrls });
const converter = (uri: string) => checkActionUrl(uri, { baseUrls, mode: 'converter' });

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

  test('a relative path is refused in both modes, as one converter mode only warns about', () => {
    for (const check of [legacy, converter]) {
      expect(check('/close')).toMatchObject({ ok: false, everyMode: false });
      expect(check('edit?x=1')).toMatchObject({ ok: false, everyMode: false });
    }
  });

  test('a URL outside baseUrls is a refusal converter mode may only warn about; bad shapes are not', () => {
    expect(converter('https://other.example.com/x')).toMatchObject({ ok: false, everyMode: false });
    expect(converter('https://svc.example.com/elsewhere')).toMatchObject({ ok: false, everyMode: false });
    for (const uri of [
      '//svc.example.com/hubspot',
      'https:\\\\svc.example.com/hubspot',
      ' https://svc.example.com/hubspot',
      'javascript:alert(1)',
      'java\tscript:alert(1)',
    ]) {
      expect(converter(uri)).toMatchObject({ ok: false, everyMode: true });
    }
  });
});

// Cases from HubSpot's converter (CardConfig.isValidActionUri, handleActionOnClick): a hook is
// checked when clicked, on protocol and hostname only; new URL(uri) must parse it on its own.
describe("converterClickCheck: the converter's click-time check of a hook", () => {
  const alert = (uri: string) =>
    `Error: Action URI: '${uri}' does not share a base URI with the base URIs defined for this object type`;
  const cases: [string, readonly string[], boolean][] = [
    ['https://svc.example.com/hubspot/close', ['https://svc.example.com/hubspot'], true],
    // Only protocol and hostname: another path or port passes.
    ['https://svc.example.com/elsewhere', ['https://svc.example.com/hubspot'], true],
    ['https://svc.example.com:8443/x', ['https://svc.example.com'], true],
    ['http://svc.example.com/x', ['https://svc.example.com'], false],
    ['https://api.svc.example.com/x', ['https://svc.example.com'], false],
    ['/close', ['https://svc.example.com'], false],
    ['close?x=1', ['https://svc.example.com'], false],
    ['https://svc.example.com/x', [], false],
    ['', ['https://svc.example.com'], false],
  ];
  test.each(cases)('%s with baseUrls %j: allowed %s', (uri, bases, allowed) => {
    const checked = converterClickCheck(uri, bases);
    expect(checked).toEqual(allowed ? { ok: true, url: uri } : { ok: false, alert: alert(uri) });
  });

  test('the inspector warning says what production does, per action type', () => {
    const reason = 'legacy refused it.';
    const bases = ['https://svc.example.com'];
    expect(converterActionWarning({ type: 'ACTION_HOOK', uri: '/close' }, reason, bases)).toContain(
      `a click shows "${alert('/close')}" and calls nothing`,
    );
    expect(
      converterActionWarning({ type: 'ACTION_HOOK', uri: 'https://svc.example.com/other' }, reason, bases),
    ).toContain('The converter renders and calls this');
    expect(converterActionWarning({ type: 'IFRAME', uri: '/edit' }, reason, bases)).toContain(
      "relative to HubSpot's own page",
    );
    expect(
      converterActionWarning({ type: 'IFRAME', uri: 'https://x.example.com/e' }, reason, bases),
    ).toContain('opens IFRAME URIs without checking baseUrls');
  });
});
