import type { CardDefinition, RenderedAction } from '@spoke/protocol';
import { type DispatchActionHookOptions, dispatchActionHook } from '../../src/dispatch/action-hook.ts';
import { type DispatchCardFetchOptions, dispatchCardFetch } from '../../src/dispatch/card-fetch.ts';
import { createFetchTransport } from '../../src/dispatch/fetch-transport.ts';
import type { DispatchRecord } from '../../src/dispatch/index.ts';
import { jsonResponse, recordingFetch } from './recording-fetch.ts';

/** Shared values for dispatcher tests. */
export const secret = 'test-client-secret-0001';
export const app = { id: 20, clientSecret: secret };
export const portal = { id: 987654 };
export const user = { id: 5, email: 'loggedinuser@hubspot.com' };
/** A fixed clock: 2023-11-14T22:13:20Z. */
export const fixedNow = 1_700_000_000_000;

export const contact: DispatchRecord = {
  id: '53701',
  objectType: 'contacts',
  properties: { firstname: 'Ada Mae', email: 'ada@example.com', phone: '', company: 'A&B Co' },
};

/** Ids `id-1`, `id-2`, … in order, so tests can assert them. */
export function sequentialIds(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

/** A card definition for contacts at `targetUrl`. */
export function cardFor(targetUrl: string, overrides: Partial<CardDefinition> = {}): CardDefinition {
  return {
    id: '101',
    title: 'Issues',
    fetch: {
      targetUrl,
      objectTypes: [{ name: 'contacts', propertiesToSend: ['email', 'firstname', 'phone', 'lastname'] }],
    },
    display: {
      properties: [
        {
          name: 'status',
          label: 'Status',
          dataType: 'STATUS',
          options: [{ name: 'open', label: 'Open', type: 'SUCCESS' }],
        },
      ],
    },
    actions: { baseUrls: ['https://service.example.com'] },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    auditHistory: [],
    ...overrides,
  };
}

/** A valid legacy reply with `count` items. */
export function legacyReply(count = 1, actionUri = 'https://service.example.com/edit') {
  return {
    results: Array.from({ length: count }, (_, i) => ({
      objectId: 245 + i,
      title: `API-${i}: APIs working too fast`,
      link: null,
      status: 'open',
      properties: [{ label: 'Impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' }],
      actions: [{ type: 'IFRAME', width: 890, height: 748, uri: actionUri, label: 'Edit' }],
    })),
    totalCount: 7,
    allItemsLink: 'https://service.example.com/all',
    itemLabel: 'See more issues',
  };
}

/** Where {@link fetchCard}'s card points. */
export const cardTargetUrl = 'https://service.example.com/hubspot/card';

/**
 * The recording service answering `reply` as JSON (or calling it, when it is a function making the
 * Response), and the fields every fixture dispatch shares: {@link contact} for {@link app} in
 * {@link portal} by {@link user}, through that service, at a fixed clock, with sequential ids.
 */
function dispatchScope(reply: unknown) {
  const service = recordingFetch(() =>
    typeof reply === 'function' ? (reply as () => Response)() : jsonResponse(reply),
  );
  const scope = {
    record: contact,
    app,
    portal,
    user,
    transport: createFetchTransport({ fetch: service.fetch }),
    clock: () => fixedNow,
    randomUUID: sequentialIds(),
  };
  return { service, scope };
}

/**
 * A card fetch of {@link contact} for {@link app} at a fixed clock through a recording service that
 * answers with `reply` as JSON (or calls it, when it is a function making the Response);
 * `options` override any field of the fetch.
 */
export function fetchCard(reply: unknown, options: Partial<DispatchCardFetchOptions> = {}) {
  const { service, scope } = dispatchScope(reply);
  const result = dispatchCardFetch({ card: cardFor(cardTargetUrl), ...scope, ...options });
  return { service, result };
}

/**
 * The action hook `action` run on {@link contact} for {@link app} at a fixed clock through a
 * recording service that answers as {@link fetchCard}'s does; `options` override any field.
 */
export function fireHook(
  action: RenderedAction,
  reply: unknown,
  options: Partial<DispatchActionHookOptions> = {},
) {
  const { service, scope } = dispatchScope(reply);
  const result = dispatchActionHook({ action, ...scope, ...options });
  return { service, result };
}
