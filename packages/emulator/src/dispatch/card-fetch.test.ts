import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  fetchCard,
  fixedNow,
  legacyReply,
  portal,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { cardFetchUrl, dispatchCardFetch } from './card-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';

const targetUrl = 'https://service.example.com/hubspot/card';

function fetchWith(
  reply: () => Response,
  card = cardFor(targetUrl),
  mode: 'legacy' | 'converter' = 'legacy',
) {
  return fetchCard(reply, { card, mode });
}

describe('cardFetchUrl', () => {
  test('sends the five default parameters, then the record values it has, encoded like encodeURIComponent but `@` as HubSpot writes it', () => {
    const url = cardFetchUrl({ card: cardFor(targetUrl), record: contact, app, portal, user });
    expect(url).toBe(
      `${targetUrl}?userId=5&userEmail=loggedinuser@hubspot.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654&email=ada@example.com&firstname=Ada%20Mae`,
    );
  });

  test('keeps a query already in targetUrl as it is', () => {
    const url = cardFetchUrl({
      card: cardFor(`${targetUrl}?tenant=a%20b&x=1`),
      record: contact,
      app,
      portal,
      user,
    });
    expect(url.startsWith(`${targetUrl}?tenant=a%20b&x=1&userId=5&`)).toBe(true);
  });

  test('adds appId and encodes like URLSearchParams in converter mode', () => {
    const url = cardFetchUrl({
      card: cardFor(targetUrl),
      record: contact,
      app,
      portal,
      user,
      mode: 'converter',
    });
    const query = new URL(url).search;
    expect(query).toContain('firstname=Ada+Mae');
    expect(query.endsWith('&appId=20')).toBe(true);
  });

  test('throws when the card is not defined for the record type', () => {
    const card = cardFor(targetUrl, {
      fetch: { targetUrl, objectTypes: [{ name: 'deals', propertiesToSend: [] }] },
    });
    expect(() => cardFetchUrl({ card, record: contact, app, portal, user })).toThrow(
      expect.objectContaining({ code: 'DISPATCH_CARD_NOT_FOR_OBJECT_TYPE' }),
    );
  });
});

describe('dispatchCardFetch', () => {
  test('renders a legacy reply with definition properties first and records a valid exchange', async () => {
    const { service, result } = fetchWith(() => jsonResponse(legacyReply(2)));
    const { exchange, card } = await result;
    expect(service.calls[0]?.method).toBe('GET');
    expect(exchange).toMatchObject({
      kind: 'crm-card.fetch',
      appId: 20,
      outcome: 'ok',
      error: null,
      startedAt: fixedNow,
    });
    expect(exchange.id).toBe('id-1');
    expect(exchange.correlationId).toBe('id-2');
    expect(exchange.context).toMatchObject({ cardId: '101', recordId: '53701', objectType: 'contacts' });
    // phone is empty and lastname absent on the record: each is explained, the reply is still valid.
    expect(exchange.verdicts.map((v) => v.code)).toEqual([
      'SIGNED',
      'DEADLINE_MET',
      'DISPATCH_PROPERTY_NOT_SENT',
      'DISPATCH_PROPERTY_NOT_SENT',
      'REPLY_VALID',
    ]);
    expect(
      exchange.verdicts.filter((v) => v.code === 'DISPATCH_PROPERTY_NOT_SENT').map((v) => v.message),
    ).toEqual([
      expect.stringContaining('no value for phone'),
      expect.stringContaining('no value for lastname'),
    ]);
    expect(card?.items).toHaveLength(2);
    expect(card?.items[0]?.properties.map((p) => p.label)).toEqual(['Status', 'Impact']);
    expect(card).toMatchObject({
      totalCount: 7,
      allItemsLink: 'https://service.example.com/all',
      itemLabel: 'See more issues',
    });
  });

  test('accepts allItemsLinkUrl and cardLabel in a legacy reply', async () => {
    const { allItemsLink: _a, itemLabel: _i, ...rest } = legacyReply();
    const reply = { ...rest, allItemsLinkUrl: 'https://service.example.com/more', cardLabel: 'More' };
    const { card } = await fetchWith(() => jsonResponse(reply)).result;
    expect(card).toMatchObject({ allItemsLink: 'https://service.example.com/more', itemLabel: 'More' });
  });

  test('renders the newer sections format', async () => {
    const reply = {
      responseVersion: 'v3',
      totalCount: 1,
      cardLabel: 'Tickets',
      sections: [
        {
          id: 's1',
          title: 'Ticket 1',
          linkUrl: 'https://service.example.com/t/1',
          tokens: [{ name: 'n', label: 'Count', dataType: 'NUMERIC', value: 3 }],
          actions: [
            {
              type: 'ACTION_HOOK',
              url: 'https://service.example.com/close',
              label: 'Close',
              httpMethod: 'POST',
            },
          ],
        },
      ],
    };
    const { exchange, card } = await fetchWith(() => jsonResponse(reply)).result;
    expect(exchange.outcome).toBe('ok');
    expect(card?.format).toBe('sections');
    expect(card?.items[0]?.actions[0]).toMatchObject({
      type: 'ACTION_HOOK',
      httpMethod: 'POST',
      label: 'Close',
    });
  });

  test('rejects six results', async () => {
    const { exchange, card } = await fetchWith(() => jsonResponse(legacyReply(6))).result;
    expect(card).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues).toEqual([{ path: 'results', message: 'must have at most 5 items; got 6' }]);
  });

  test('names the path of a schema error', async () => {
    const reply = legacyReply();
    reply.results[0]?.properties.splice(0, 1, { label: 'Impact', dataType: 'CURRENCY', value: '1' } as never);
    const { exchange } = await fetchWith(() => jsonResponse(reply)).result;
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.verdicts).toContainEqual(
      expect.objectContaining({
        code: 'DISPATCH_REPLY_INVALID',
        path: 'results.0.properties.0.currencyCode',
      }),
    );
  });

  test('fails the card when an action uri is outside actions.baseUrls', async () => {
    const reply = legacyReply(1, 'https://elsewhere.example.org/edit');
    const { exchange, card } = await fetchWith(() => jsonResponse(reply)).result;
    expect(card).toBeNull();
    expect(exchange.error?.code).toBe('CARD_ACTION_OUTSIDE_BASE_URLS');
    expect(exchange.verdicts).toContainEqual(expect.objectContaining({ path: 'results.0.actions.0.uri' }));
  });

  test('a relative action uri fails the card in legacy mode, and is a warning in converter mode', async () => {
    const reply = () => jsonResponse(legacyReply(1, '/edit'));
    const converter = await fetchWith(reply, cardFor(targetUrl), 'converter').result;
    expect(converter.exchange.outcome).toBe('ok');
    expect(converter.exchange.verdicts).toContainEqual(
      expect.objectContaining({ code: 'CARD_ACTION_OUTSIDE_BASE_URLS', severity: 'warning' }),
    );
    const legacy = await fetchWith(reply).result;
    expect(legacy.exchange.error?.code).toBe('CARD_ACTION_OUTSIDE_BASE_URLS');
  });

  test('rejects an unknown data type', async () => {
    const reply = {
      sections: [{ id: 1, title: 'T', tokens: [{ label: 'x', dataType: 'COLOUR', value: 'red' }] }],
    };
    const { exchange } = await fetchWith(() => jsonResponse(reply)).result;
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues[0]?.path).toBe('sections.0.tokens.0.dataType');
  });

  test('rejects a reply that is not JSON', async () => {
    const { exchange, card } = await fetchWith(() => new Response('<html>oops</html>')).result;
    expect(card).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_NOT_JSON');
  });

  test('fails on a non-2xx status, and explains that redirects are not followed', async () => {
    const failed = await fetchWith(() => jsonResponse({ message: 'no' }, 500)).result;
    expect(failed.exchange.error?.code).toBe('DISPATCH_STATUS_NOT_OK');
    const moved = await fetchWith(
      () => new Response(null, { status: 301, headers: { location: 'https://new.example.com' } }),
    ).result;
    expect(moved.exchange.error).toMatchObject({ code: 'DISPATCH_STATUS_NOT_OK' });
    expect(moved.exchange.error?.message).toContain('does not follow redirects');
  });

  test('records the deadline when the service is too slow', async () => {
    const service = recordingFetch(() => new Promise<Response>(() => undefined));
    const { exchange, card } = await dispatchCardFetch({
      card: cardFor(targetUrl),
      record: contact,
      app,
      portal,
      user,
      transport: createFetchTransport({ fetch: service.fetch, totalTimeoutMs: 40 }),
      clock: () => fixedNow,
    });
    expect(card).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(exchange.verdicts.map((v) => v.code)).not.toContain('DEADLINE_MET');
  });

  test('records injected faults on the exchange', async () => {
    const { service, result } = fetchCard(legacyReply(), {
      faults: { forceStatus: 500, staleTimestamp: true },
    });
    const { exchange } = await result;
    expect(service.calls).toHaveLength(0);
    expect(exchange.error?.code).toBe('DISPATCH_STATUS_NOT_OK');
    expect(exchange.signature.fault).toBe('stale timestamp');
    expect(exchange.verdicts).toContainEqual(expect.objectContaining({ code: 'FAULT_INJECTED' }));
  });
});
