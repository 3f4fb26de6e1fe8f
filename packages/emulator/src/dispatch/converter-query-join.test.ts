import type { RenderedAction } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  fixedNow,
  legacyReply,
  portal,
  sequentialIds,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { buildActionHookRequest, dispatchActionHook } from './action-hook.ts';
import { cardFetchUrl, dispatchCardFetch } from './card-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';

// How HubSpot's Legacy CRM Card Converter joins its parameters to a URL that already holds a `?`:
// the data fetch (utils/fetchFromTargetUrl.ts) always writes `${targetUrl}?${query}`; an action hook
// (utils/handleActionOnClick.ts) writes `&` when the URI includes a `?` anywhere, else `?`.
const query =
  'userId=5&userEmail=loggedinuser%40hubspot.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654';

const scope = { record: contact, app, portal, user };

function hook(uri: string): RenderedAction {
  return { type: 'ACTION_HOOK', uri, label: 'Close', httpMethod: 'GET', associatedObjectProperties: [] };
}

describe('converter mode: an action hook URI that already has a ?', () => {
  // Cases from the converter's utils/__test__/handleActionOnClick.test.ts ("query parameter handling").
  const cases = [
    { name: 'no query: ?', uri: 'https://svc.example.com/a', url: `https://svc.example.com/a?${query}` },
    {
      name: 'its own query: &',
      uri: 'https://svc.example.com/a?existing=param',
      url: `https://svc.example.com/a?existing=param&${query}`,
    },
    { name: 'a bare ?: ?&', uri: 'https://svc.example.com/a?', url: `https://svc.example.com/a?&${query}` },
    {
      name: 'a trailing &: &&',
      uri: 'https://svc.example.com/a?x=1&',
      url: `https://svc.example.com/a?x=1&&${query}`,
    },
  ];
  test.each(cases)('$name', ({ uri, url }) => {
    const parts = buildActionHookRequest({ ...scope, action: hook(uri), mode: 'converter' });
    expect(parts.url).toBe(`${url}&appId=20`);
  });

  test('legacy mode still joins a bare ? without an empty parameter', () => {
    const parts = buildActionHookRequest({ ...scope, action: hook('https://svc.example.com/a?') });
    expect(parts.url.startsWith('https://svc.example.com/a?userId=5&')).toBe(true);
  });

  test('the service receives every parameter from a bare ?, signed over the URL sent', async () => {
    const service = recordingFetch(() => jsonResponse({}));
    const { exchange } = await dispatchActionHook({
      ...scope,
      action: hook('https://svc.example.com/a?'),
      mode: 'converter',
      transport: createFetchTransport({ fetch: service.fetch }),
      clock: () => fixedNow,
      randomUUID: sequentialIds(),
    });
    const sent = new URL(service.calls[0]?.url ?? '');
    expect(sent.search.startsWith('?&userId=5&')).toBe(true);
    expect(sent.searchParams.get('userId')).toBe('5');
    expect(exchange.request.url).toBe(service.calls[0]?.url);
    expect(exchange.verdicts.map((v) => v.code)).not.toContain('DISPATCH_CONVERTER_QUERY_BROKEN');
  });
});

describe('converter mode: a targetUrl ending in a bare ?', () => {
  const targetUrl = 'https://svc.example.com/card?';

  test('gets a second ?, as the converter writes it', () => {
    const url = cardFetchUrl({ ...scope, card: cardFor(targetUrl), mode: 'converter' });
    expect(url.startsWith(`${targetUrl}?userId=5&userEmail=loggedinuser%40hubspot.com&`)).toBe(true);
    expect(url.endsWith('&appId=20')).toBe(true);
  });

  test('the service receives no userId, and the inspector says why and how to fix it', async () => {
    const service = recordingFetch(() => jsonResponse(legacyReply()));
    const { exchange, card } = await dispatchCardFetch({
      ...scope,
      card: cardFor(targetUrl),
      mode: 'converter',
      transport: createFetchTransport({ fetch: service.fetch }),
      clock: () => fixedNow,
      randomUUID: sequentialIds(),
    });
    const sent = new URL(service.calls[0]?.url ?? '');
    expect(sent.searchParams.get('userId')).toBeNull();
    expect(sent.searchParams.get('?userId')).toBe('5');
    expect(card?.items).toHaveLength(1);
    const warning = exchange.verdicts.find((v) => v.code === 'DISPATCH_CONVERTER_QUERY_BROKEN');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe(
      'in production the service receives no userId: the targetUrl ends in "?" and the converter appends another, so it arrives as a parameter named "?userId". Spoke sends the same URL. Remove the trailing "?" from the targetUrl.',
    );
  });

  test('legacy mode joins it without a second ?', () => {
    const url = cardFetchUrl({ ...scope, card: cardFor(targetUrl) });
    expect(url.startsWith(`${targetUrl}userId=5&`)).toBe(true);
  });
});
