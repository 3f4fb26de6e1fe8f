import type { SeenRequest } from './fake-service.ts';
import { json } from './fake-service.ts';

const recipients = [
  { id: 'C1', name: 'general', type: 0 },
  { id: 'C2', name: 'random', type: 0 },
  { id: 'U1', name: 'Recipient One', type: 1 },
  { id: 'U2', name: 'Recipient Two', type: 1 },
  { id: 'U3', name: 'Recipient Three', type: 1 },
] as const;

/** A Share Via service: pages recipients by offset, shares to `https://chat.test/{id}`. */
export function shareViaHandler(options: { permitted?: boolean; shareStatus?: number } = {}) {
  return (req: SeenRequest): Response => {
    const event = req.url.split('/').at(-1) ?? '';
    const body = JSON.parse(req.body || '{}');
    const envelope = { portalId: body.portalId, appId: body.appId, eventType: event };
    switch (event) {
      case 'CHECK_PERMISSIONS':
        return json({ ...envelope, payload: { hasAllRequiredPermissions: options.permitted ?? true } });
      case 'FETCH_RECIPIENTS': {
        const { limit = 10, nextPageAfter, recipientsFilter } = body.payload;
        const filtered = recipients.filter(
          (r) =>
            (recipientsFilter?.type === undefined || r.type === recipientsFilter.type) &&
            (!recipientsFilter?.name || r.name.includes(recipientsFilter.name)),
        );
        const offset = Number(nextPageAfter ?? 0);
        return json({
          ...envelope,
          payload: {
            recipients: { total: filtered.length, results: filtered.slice(offset, offset + limit) },
          },
        });
      }
      case 'FETCH_RECIPIENT':
        return json({
          ...envelope,
          payload: { recipient: recipients.find((r) => r.id === body.payload.id) },
        });
      case 'SHARE_OBJECT':
        if (options.shareStatus && options.shareStatus !== 200)
          return json({ message: 'no' }, options.shareStatus);
        return json({
          ...envelope,
          payload: { recipientUrl: `https://chat.test/${body.payload.recipient.id}` },
        });
      default:
        return json({ message: 'unknown' }, 404);
    }
  };
}
