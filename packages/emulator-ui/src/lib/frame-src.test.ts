import { describe, expect, test } from 'vitest';
import { frameSrc } from './frame-src.ts';

const ui = 'http://127.0.0.1:3400';

describe('frameSrc', () => {
  test('loads http(s) pages of another origin, including another port of the same host', () => {
    expect(frameSrc('https://app.example.com/edit?id=1', ui)).toEqual({
      ok: true,
      href: 'https://app.example.com/edit?id=1',
    });
    expect(frameSrc('http://127.0.0.1:3000/edit', ui)).toMatchObject({ ok: true });
    expect(frameSrc('http://localhost:3400/edit', ui)).toMatchObject({ ok: true });
  });

  test("refuses pages on the UI's own origin, whatever their path or case", () => {
    for (const src of [`${ui}/`, `${ui}/#/apps`, `${ui}/_spoke/health`, 'HTTP://127.0.0.1:3400/x']) {
      expect(frameSrc(src, ui)).toMatchObject({ ok: false, code: 'UI_IFRAME_SAME_ORIGIN' });
    }
  });

  test('refuses javascript:, data:, mailto: and relative URLs', () => {
    for (const src of ['javascript:alert(1)', 'data:text/html,<script>', 'mailto:a@b.c', '/edit']) {
      expect(frameSrc(src, ui)).toMatchObject({ ok: false });
    }
  });
});
