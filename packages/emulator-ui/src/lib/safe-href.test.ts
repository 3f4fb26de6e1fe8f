import { describe, expect, test } from 'vitest';
import { mailtoHref, safeHref } from './safe-href.ts';

describe('safeHref', () => {
  test('follows absolute http, https and mailto links', () => {
    expect(safeHref('https://example.com/a?b=1')).toEqual({ ok: true, href: 'https://example.com/a?b=1' });
    expect(safeHref('http://127.0.0.1:3400/')).toEqual({ ok: true, href: 'http://127.0.0.1:3400/' });
    expect(safeHref('mailto:someone@example.com')).toMatchObject({ ok: true });
  });

  test('blocks javascript:, data: and vbscript: links whatever their case or padding', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
    ]) {
      expect(safeHref(url)).toMatchObject({ ok: false });
    }
    expect(safeHref('javascript:alert(1)')).toMatchObject({ reason: expect.stringContaining('javascript:') });
  });

  test('blocks relative and empty links', () => {
    expect(safeHref('/issues/1')).toMatchObject({ ok: false, reason: 'not an absolute URL: /issues/1' });
    expect(safeHref('')).toEqual({ ok: false, reason: 'no URL' });
    expect(safeHref(null)).toEqual({ ok: false, reason: 'no URL' });
  });
});

describe('mailtoHref', () => {
  test('makes a mailto: link for an address and refuses anything that could smuggle more', () => {
    expect(mailtoHref('maria@example.com')).toBe('mailto:maria@example.com');
    expect(mailtoHref('not an email')).toBeNull();
    expect(mailtoHref('a@b.c?bcc=x@y.z "x"')).toBeNull();
  });
});
