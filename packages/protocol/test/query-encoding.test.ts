import { encodeQueryFields, sign, verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const fields = [
  ['userEmail', 'loggedinuser@hubspot.com'],
  ['name', "O'Brien & Søn = A+B"],
  ['site', 'https://a.test/x?y,z'],
] as const;

describe('encodeQueryFields', () => {
  test('legacy (component) escapes like encodeURIComponent but leaves @ as HubSpot writes it', () => {
    expect(encodeQueryFields(fields, 'component')).toBe(
      "userEmail=loggedinuser@hubspot.com&name=O'Brien%20%26%20S%C3%B8n%20%3D%20A%2BB&site=https%3A%2F%2Fa.test%2Fx%3Fy%2Cz",
    );
  });

  test('a literal %40 in a value stays escaped as %2540', () => {
    expect(encodeQueryFields([['q', '%40@']], 'component')).toBe('q=%2540@');
  });

  test('the converter (form) is exactly URLSearchParams', () => {
    expect(encodeQueryFields(fields, 'form')).toBe(
      new URLSearchParams(fields.map(([k, v]): [string, string] => [k, v])).toString(),
    );
    expect(encodeQueryFields(fields, 'form')).toContain('userEmail=loggedinuser%40hubspot.com');
  });
});

describe('verifySignature takes @ and %40 alike', () => {
  const secret = 's3cret';
  const timestamp = 1_700_000_000_000;
  test.each(['https://svc.test/card?userEmail=a@b.com', 'https://svc.test/card?userEmail=a%40b.com'])(
    'a v3 request to %s',
    (url) => {
      const headers = sign({ version: 'all', secret, method: 'GET', url, body: '', timestamp });
      expect(
        verifySignature({ secret, method: 'GET', url, body: '', headers, now: timestamp }),
      ).toMatchObject({
        ok: true,
        version: 'v3',
      });
    },
  );

  test('v3 hashes both spellings the same (HubSpot decodes %40 first); v2 does not', () => {
    const signed = sign({
      version: 'all',
      secret,
      method: 'GET',
      url: 'https://svc.test/c?e=a%40b',
      body: '',
      timestamp,
    });
    const other = sign({
      version: 'all',
      secret,
      method: 'GET',
      url: 'https://svc.test/c?e=a@b',
      body: '',
      timestamp,
    });
    expect(signed['X-HubSpot-Signature-v3']).toBe(other['X-HubSpot-Signature-v3']);
    expect(signed['X-HubSpot-Signature']).not.toBe(other['X-HubSpot-Signature']);
  });
});
