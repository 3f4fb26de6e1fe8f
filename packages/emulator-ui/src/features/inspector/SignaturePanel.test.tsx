// @vitest-environment jsdom
import { decodeUriForV3 } from '@spoke/protocol';
import { act } from 'react';
import { describe, expect, test } from 'vitest';
import type { SignatureInfo } from '../../api/types.ts';
import { domPerTest } from '../../lib/test-dom.ts';
import { SignaturePanel } from './SignaturePanel.tsx';

const dom = domPerTest();

const converterUrl = 'https://service.example.com/card?userId=1&userEmail=a%40b.com&appId=20';

function signature(v3UrlForm: 'decoded' | 'raw' | undefined): SignatureInfo {
  const url = v3UrlForm === 'raw' ? converterUrl : converterUrl.replace('%40', '@');
  return {
    versions: ['v2', 'v3'],
    timestamp: '1700000000000',
    sources: { v2: `<secret>GET${converterUrl}`, v3: `GET${url}1700000000000` },
    ...(v3UrlForm === undefined ? {} : { v3UrlForm }),
  };
}

function render(info: SignatureInfo, signedUrl: string) {
  // The emulator records whether the signed URL's two forms differ; here it is derived the same way.
  const signed = { ...info, v3UrlFormsDiffer: decodeUriForV3(signedUrl) !== signedUrl };
  act(() => dom.root.render(<SignaturePanel signature={signed} />));
  return dom.container.querySelector('[data-v3-url-form]');
}

// Which URL v3 covered, and that HubSpot's docs and SDK disagree. docs/decisions/0011
describe('SignaturePanel: v3 over the decoded or the raw URL', () => {
  test('a converter call signed over the raw URL says so and names who would refuse it', () => {
    const note = render(signature('raw'), converterUrl);
    expect(note?.getAttribute('data-v3-url-form')).toBe('raw');
    expect(note?.textContent).toContain('v3 over the raw URL, as hubspot.fetch signs');
    expect(note?.textContent).toContain('A service that decodes first, following the docs, answers 401');
    expect(dom.container.textContent).toContain('URL (as sent, nothing decoded)');
  });

  test('a legacy call signed over the decoded URL says the official client would refuse it', () => {
    const note = render(signature('decoded'), converterUrl);
    expect(note?.getAttribute('data-v3-url-form')).toBe('decoded');
    expect(note?.textContent).toContain("as HubSpot's docs say");
    expect(note?.textContent).toContain('Signature.isValid');
    expect(dom.container.textContent).toContain('(with %3A %2F %3F %40 … decoded)');
  });

  test('an exchange logged before the field existed reads as decoded', () => {
    expect(render(signature(undefined), converterUrl)?.getAttribute('data-v3-url-form')).toBe('decoded');
  });

  test('no note when the URL has none of the twelve escapes: both forms are one string', () => {
    expect(render(signature('raw'), 'https://service.example.com/card?userId=1')).toBeNull();
  });
});
