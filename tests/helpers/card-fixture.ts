import { type LegacyCardResponse, sign } from '@spoke/protocol';

/** The client secret every benchmark service uses. */
export const benchSecret = 'bench-0000-client-secret-0000';

/** The data-fetch path every benchmark service serves. */
export const cardPath = '/hubspot/card';

/** A data-fetch query as the platform sends it (docs/protocol.md §2.2): five defaults and two properties. */
export const cardQuery =
  'userId=12345&userEmail=jane.doe%40example.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654&email=jane.doe%40example.com&firstname=Jane';

/** A signed data fetch: where to send it and the headers the platform adds (v2 and v3). */
export interface SignedCardRequest {
  url: string;
  headers: Record<string, string>;
}

/** Signs the data fetch for a server at `baseUrl`, as the platform would at `now`. */
export function signedCardRequest(baseUrl: string, now = Date.now()): SignedCardRequest {
  const url = `${baseUrl}${cardPath}?${cardQuery}`;
  const headers = sign({ version: 'all', secret: benchSecret, method: 'GET', url, body: '', timestamp: now });
  return { url, headers };
}

/**
 * A five-item legacy card reply (the most a card may show, docs/protocol.md §2.3), each item with three
 * typed properties and two actions: what every benchmark service answers.
 */
export function buildCardReply(objectId: number, email: string): LegacyCardResponse {
  const results = Array.from({ length: 5 }, (_unused, index) => ({
    objectId: objectId * 10 + index,
    title: `API-${index + 1}: reported by ${email}`,
    link: `https://tracker.example.com/issues/${objectId * 10 + index}`,
    created: '2016-09-15',
    priority: 'HIGH',
    properties: [
      { label: 'Resolution impact', dataType: 'CURRENCY' as const, value: '94.34', currencyCode: 'GBP' },
      { label: 'Status', dataType: 'STATUS' as const, value: 'Open', optionType: 'SUCCESS' as const },
      { label: 'Reported', dataType: 'DATE' as const, value: '2024-01-02' },
    ],
    actions: [
      {
        type: 'IFRAME' as const,
        width: 890,
        height: 748,
        uri: 'https://tracker.example.com/edit',
        label: 'Edit',
        associatedObjectProperties: [],
      },
      {
        type: 'ACTION_HOOK' as const,
        httpMethod: 'POST' as const,
        uri: 'https://tracker.example.com/close',
        label: 'Close',
        associatedObjectProperties: ['email'],
      },
    ],
  }));
  return {
    results,
    totalCount: 7,
    allItemsLink: 'https://tracker.example.com/all',
    itemLabel: 'See all issues',
  };
}
