import { describe, expect, test } from 'vitest';
import { cardFor, cardTargetUrl, fetchCard } from '../../test/helpers/dispatch-fixtures.ts';

// HubSpot's Legacy CRM Card Converter refuses a definition without display properties before it
// fetches; a card made up on the spot (`spoke trigger --url`) is no definition and is fetched.
function fetchWith(options: { checkDefinition?: boolean }) {
  return fetchCard(
    { results: [{ objectId: 1, title: 'One' }] },
    { card: cardFor(cardTargetUrl, { display: { properties: [] } }), mode: 'converter', ...options },
  );
}

describe('dispatchCardFetch: the converter checks the definition first', () => {
  test('a refused definition is not sent, and the exchange says why', async () => {
    const { service, result } = fetchWith({});
    const { exchange, card, configurationIssues, retried } = await result;
    expect(service.calls).toHaveLength(0);
    expect(card).toBeNull();
    expect(retried).toEqual([]);
    expect(configurationIssues).toEqual(['display.properties (at least one property required)']);
    expect(exchange).toMatchObject({
      reply: null,
      outcome: 'error',
      request: { method: 'GET', headers: {}, body: '' },
      error: { code: 'DISPATCH_CONVERTER_DEFINITION_INVALID' },
    });
    expect(exchange.request.url.startsWith('https://service.example.com/hubspot/card?userId=')).toBe(true);
    expect(exchange.schemaIssues.map((issue) => issue.path)).toEqual(['definition.display.properties']);
  });

  test('checkDefinition: false fetches a made-up card', async () => {
    const { service, result } = fetchWith({ checkDefinition: false });
    const { exchange, card } = await result;
    expect(service.calls).toHaveLength(1);
    expect(exchange.outcome).toBe('ok');
    expect(card?.items).toHaveLength(1);
  });
});
