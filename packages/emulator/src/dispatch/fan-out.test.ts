import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  fixedNow,
  legacyReply,
  portal,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { dispatchRecordCards } from './fan-out.ts';
import { createFetchTransport } from './fetch-transport.ts';

describe('dispatchRecordCards', () => {
  test('fetches every card for the record type and returns them in definition order', async () => {
    const service = recordingFetch((call) =>
      call.url.includes('/b') ? new Response('nope', { status: 500 }) : jsonResponse(legacyReply()),
    );
    const deals = cardFor('https://service.example.com/d', {
      id: 'deal-card',
      fetch: {
        targetUrl: 'https://service.example.com/d',
        objectTypes: [{ name: 'deals', propertiesToSend: [] }],
      },
    });
    const results = await dispatchRecordCards({
      cards: [
        cardFor('https://service.example.com/a', { id: 'a' }),
        deals,
        cardFor('https://service.example.com/b', { id: 'b' }),
      ],
      record: contact,
      app,
      portal,
      user,
      transport: createFetchTransport({ fetch: service.fetch }),
      clock: () => fixedNow,
      faults: (card) => (card.id === 'a' ? { corruptSignature: true } : undefined),
    });
    expect(results.map((r) => r.exchange.context.cardId)).toEqual(['a', 'b']);
    expect(results.map((r) => r.card !== null)).toEqual([true, false]);
    expect(results[0]?.exchange.signature.fault).toBe('corrupt signature');
    expect(results[1]?.exchange.signature.fault).toBeUndefined();
    expect(service.calls).toHaveLength(2);
  });
});
