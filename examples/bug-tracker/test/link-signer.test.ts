import { describe, expect, test } from 'vitest';
import { createLinkSigner } from '../src/web/link-signer.ts';

const fields = { portalId: '62515', objectType: 'CONTACT', objectId: '101' };

function signerAt(time: { now: number }, secrets: readonly string[] = ['secret-a']) {
  return createLinkSigner({ secrets, now: () => time.now, ttlMs: 1_000 });
}

describe('createLinkSigner', () => {
  test('accepts its own token for the same purpose and fields, in any key order', () => {
    const time = { now: 0 };
    const signer = signerAt(time);
    const token = signer.sign('new-issue', fields);
    expect(
      signer.verify('new-issue', { objectId: '101', objectType: 'CONTACT', portalId: '62515' }, token),
    ).toBe(true);
  });

  test('refuses another purpose, a changed field, a changed token and garbage', () => {
    const signer = signerAt({ now: 0 });
    const token = signer.sign('new-issue', fields);
    expect(signer.verify('settings', fields, token)).toBe(false);
    expect(signer.verify('new-issue', { ...fields, objectId: '102' }, token)).toBe(false);
    expect(
      signer.verify('new-issue', fields, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBe(false);
    expect(signer.verify('new-issue', fields, 'garbage')).toBe(false);
    expect(signer.verify('new-issue', fields, '')).toBe(false);
  });

  test('refuses a token once its time is up', () => {
    const time = { now: 0 };
    const signer = signerAt(time);
    const token = signer.sign('settings', fields);
    time.now = 1_000;
    expect(signer.verify('settings', fields, token)).toBe(true);
    time.now = 1_001;
    expect(signer.verify('settings', fields, token)).toBe(false);
  });

  test('keeps accepting tokens of the old secret while secrets rotate', () => {
    const time = { now: 0 };
    const before = signerAt(time, ['old']).sign('settings', fields);
    const rotating = signerAt(time, ['new', 'old']);
    expect(rotating.verify('settings', fields, before)).toBe(true);
    expect(signerAt(time, ['new']).verify('settings', fields, before)).toBe(false);
  });
});
