import { describe, expect, test } from 'vitest';
import {
  hubspotFetchRefusals,
  isLoopbackHost,
  permittedUrlCovers,
  permittedUrlsSchema,
} from '../src/index.ts';

describe('permittedUrls entries', () => {
  test.each([
    ['https://app.example.com', true],
    ['https://app.example.com/hubspot', true],
    ['http://app.example.com', false],
    ['https://localhost:3500', false],
    ['https://127.0.0.1', false],
    ['https://app.example.com/card?x=1', false],
    ['app.example.com', false],
    ['https://user:pw@app.example.com', false],
  ])('%s is accepted: %s', (entry, ok) => {
    expect(permittedUrlsSchema.safeParse({ fetch: [entry] }).success).toBe(ok);
  });

  test('an http entry is refused with the https:// form to write instead', () => {
    const result = permittedUrlsSchema.safeParse({ fetch: ['http://app.example.com/hubspot'] });
    expect(result.error?.issues[0]?.message).toContain('write https://app.example.com/hubspot');
  });

  test('an unknown list is refused', () => {
    expect(permittedUrlsSchema.safeParse({ fetches: [] }).success).toBe(false);
  });
});

describe('which URLs an entry covers', () => {
  const url = (href: string) => new URL(href);
  test.each([
    ['https://app.example.com', 'https://app.example.com/hubspot/card?userId=1', true],
    ['https://app.example.com/', 'https://app.example.com/card', true],
    ['https://app.example.com/hubspot', 'https://app.example.com/hubspot/card', true],
    ['https://app.example.com/hubspot', 'https://app.example.com/hubspot', true],
    ['https://app.example.com/hubspot', 'https://app.example.com/hubspotter', false],
    ['https://app.example.com', 'https://api.example.com/card', false],
    ['https://app.example.com', 'https://app.example.com.evil.test/card', false],
    ['https://app.example.com', 'https://app.example.com:8443/card', false],
    ['https://app.example.com', 'http://app.example.com/card', false],
  ])('%s covers %s: %s', (entry, href, covered) => {
    expect(permittedUrlCovers(entry, url(href))).toBe(covered);
  });
});

describe("what production's hubspot.fetch refuses", () => {
  test('a listed HTTPS URL is called', () => {
    expect(hubspotFetchRefusals('https://app.example.com/card?a=1', ['https://app.example.com'])).toEqual([]);
  });

  test('an unlisted URL is refused with the entry to add', () => {
    const [refusal, ...rest] = hubspotFetchRefusals('https://app.example.com/card', [
      'https://other.example.com',
    ]);
    expect(rest).toEqual([]);
    expect(refusal?.reason).toBe('not-permitted');
    expect(refusal?.message).toMatch(/^refused in production: /);
    expect(refusal?.message).toContain('it lists https://other.example.com');
    expect(refusal?.message).toContain('add https://app.example.com to permittedUrls.fetch');
  });

  test('an app without a list is told it lists none', () => {
    const [refusal] = hubspotFetchRefusals('https://app.example.com/card', undefined);
    expect(refusal?.message).toContain('the app lists none');
  });

  test('a local http URL is refused three times over, and told to use a tunnel', () => {
    const refusals = hubspotFetchRefusals('http://127.0.0.1:3500/card', ['https://app.example.com']);
    expect(refusals.map((refusal) => refusal.reason)).toEqual(['localhost', 'not-https', 'not-permitted']);
    expect(refusals[0]?.message).toContain('does not call localhost (127.0.0.1:3500)');
    expect(refusals[0]?.message).toContain('tunnel');
    expect(refusals[1]?.message).toContain('hubspot.fetch only calls HTTPS URLs');
    expect(refusals[2]?.message).not.toContain('add https://127.0.0.1');
  });

  test.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['0.0.0.0', true],
    ['app.example.com', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
  ])('%s is the machine itself: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
