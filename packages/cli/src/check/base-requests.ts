import {
  buildActionHookRequest,
  cardFetchUrl,
  type DispatchCard,
  type DispatchRecord,
  shareViaEventBody,
  shareViaEventUrl,
  shareViaKinds,
  wireUrl,
} from '@spoke/emulator';
import type { HookMethod, RenderedAction, ShareViaEvent } from '@spoke/protocol';
import type { BaseRequest } from './check-request.ts';

/** Who the checked calls come from, and what the service is told about itself. */
export interface CheckTarget {
  url: string;
  app: { id: number; clientSecret: string };
  portal: { id: number };
  user: { id: number; email: string };
  /** Action kind: the hook's method. */
  method: HookMethod;
}

/** Which record a case's request is about. */
export type RecordVariant = 'typical' | 'absent' | 'unicode';

const properties: Record<RecordVariant, Record<string, string>> = {
  typical: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' },
  // Only the five default parameters travel; the record has none of the properties asked for.
  absent: {},
  // Non-ASCII, an emoji, a quote, '&', '=', '+' and a space: every escaping rule gets exercised.
  unicode: { email: 'zoë+tëst@exämple.com', firstname: 'Zoë 🚀', lastname: "O'Brien & Søn = A+B" },
};

const propertyNames = ['email', 'firstname', 'lastname'];

/** The record, user, portal and app a case's request is about (what the emulator would dispatch for). */
export function checkScope(target: CheckTarget, variant: RecordVariant) {
  const record: DispatchRecord = { id: 51, objectType: 'contacts', properties: properties[variant] };
  const user = variant === 'unicode' ? { id: target.user.id, email: 'zoë@exämple.com' } : target.user;
  return {
    record,
    user,
    portal: target.portal,
    app: { id: target.app.id, clientSecret: target.app.clientSecret },
  };
}

/** The card definition a check's data fetches come from. */
export function checkCard(target: CheckTarget): DispatchCard {
  return {
    title: 'spoke check',
    fetch: {
      targetUrl: target.url,
      objectTypes: [{ name: 'contacts', propertiesToSend: propertyNames }],
    },
    display: { properties: [] },
    actions: { baseUrls: [] },
  };
}

/** The action a check's hooks come from. */
export function checkAction(target: CheckTarget): RenderedAction {
  return {
    type: 'ACTION_HOOK',
    uri: target.url,
    label: 'spoke check',
    httpMethod: target.method,
    associatedObjectProperties: propertyNames,
  };
}

/** A data fetch to the checked URL, as the platform sends it for a contact. */
export function cardRequest(
  target: CheckTarget,
  variant: RecordVariant,
  mode: 'legacy' | 'converter',
): BaseRequest {
  const card = checkCard(target);
  // The URL as it goes over the wire (`'` becomes `%27`), which is what gets signed, as the emulator does.
  const url = wireUrl(cardFetchUrl({ card, mode, ...checkScope(target, variant) }));
  return { kind: 'crm-card.fetch', method: 'GET', url, body: '', shape: mode, judge: { as: 'card', mode } };
}

/** An action hook to the checked URL, in either encoding. docs/protocol.md §2.4. */
export function actionRequest(
  target: CheckTarget,
  variant: RecordVariant,
  mode: 'legacy' | 'converter',
): BaseRequest {
  const action = checkAction(target);
  const parts = buildActionHookRequest({ action, mode, ...checkScope(target, variant) });
  return {
    kind: 'crm-card.action-hook',
    method: parts.method,
    url: wireUrl(parts.url),
    body: parts.body,
    ...(parts.contentType === undefined ? {} : { contentType: parts.contentType }),
    shape: mode,
    judge: { as: 'action' },
  };
}

/** The payload each Share Via event carries in a check, per docs/protocol.md §3's examples. */
export function shareViaPayload(event: ShareViaEvent, variant: RecordVariant): Record<string, unknown> {
  const unicode = variant === 'unicode';
  switch (event) {
    case 'CHECK_PERMISSIONS':
      return { requiredPermissions: ['upload-file'] };
    case 'FETCH_RECIPIENTS':
      return variant === 'absent'
        ? { limit: 5 }
        : { recipientsFilter: { type: 1, name: unicode ? 'Zoë' : 'Rec' }, limit: 5 };
    case 'FETCH_RECIPIENT':
      return { id: 'R3', type: 0 };
    case 'SHARE_OBJECT':
      return {
        sender: { id: 2387654 },
        recipient: { id: 'R3', name: unicode ? 'Récipient 🚀 Three' : 'Recipient Three', type: 0 },
        message: unicode ? 'Voilà le rapport — 📈 « Q3 » & more' : 'Here is the report',
        objectMetadata: {
          id: 2334567,
          type: 2,
          name: unicode ? 'Chat Conversations — été' : 'Chat Conversations',
          screenshotUrl: 'https://example.com/report.png',
        },
      };
  }
}

/** One Share Via event to `{base}/feature/SHARE_VIA/event/{EVENT}`. */
export function shareViaRequest(
  target: CheckTarget,
  event: ShareViaEvent,
  variant: RecordVariant,
): BaseRequest {
  // The payload table pairs each event with its shape; indexing by a generic event loses that link.
  const payload = shareViaPayload(event, variant) as never;
  const body = shareViaEventBody({
    event,
    app: target.app,
    portal: target.portal,
    payload,
    shape: 'current',
  });
  return {
    kind: shareViaKinds[event],
    method: 'POST',
    url: wireUrl(shareViaEventUrl(target.url, event)),
    body,
    contentType: 'application/json',
    judge: { as: 'share-via', event },
  };
}

/** The channel-connection webhook: `{appId, portalId, userId}`. docs/protocol.md §4.2. */
export function channelConnectionRequest(target: CheckTarget): BaseRequest {
  return {
    kind: 'calling.channel-connection',
    method: 'POST',
    url: wireUrl(target.url),
    body: JSON.stringify({ appId: target.app.id, portalId: target.portal.id, userId: target.user.id }),
    contentType: 'application/json',
    judge: { as: 'channel-connection' },
  };
}
