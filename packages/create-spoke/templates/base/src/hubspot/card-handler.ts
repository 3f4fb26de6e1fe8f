import { action, type CrmCardHandler, property } from '@spoke/framework';
import { routes } from '../routes.js';

/** The items the card lists; replace with a lookup in your own system. */
const items = [
  { id: 101, name: 'Onboarding call', state: 'Scheduled', tone: 'INFO', value: 0 },
  { id: 102, name: 'Renewal quote', state: 'Awaiting reply', tone: 'WARNING', value: 1200 },
] as const;

/**
 * The CRM card's data fetch: two items for the record, each with an ACTION_HOOK (a signed POST back
 * to this service) and an IFRAME action (a page of this service opened in a HubSpot modal).
 * Action URIs must start with one of the card's `actions.baseUrls` in spoke.config.json.
 */
export function createCardHandler(options: { publicUrl?: string | undefined }): CrmCardHandler {
  return ({ associatedObjectId, associatedObjectType, properties }, ctx) => {
    const base = options.publicUrl ?? new URL(ctx.request.url).origin;
    const who =
      properties.email ?? properties.name ?? `${associatedObjectType.toLowerCase()} ${associatedObjectId}`;
    return {
      results: items.map((item) => ({
        objectId: item.id,
        title: `${item.name} for ${who}`,
        // The value of the card's display property `reference` (spoke.config.json), shown first.
        reference: `ITEM-${item.id}`,
        link: `${base}${routes.frame}?item=${item.id}`,
        properties: [
          property.status('State', item.state, item.tone),
          property.currency('Value', item.value, 'USD'),
        ],
        actions: [
          action.hook({
            uri: `${base}${routes.acknowledge}?item=${item.id}`,
            httpMethod: 'POST',
            label: 'Acknowledge',
          }),
          action.iframe({
            uri: `${base}${routes.frame}?item=${item.id}`,
            label: 'Open details',
            width: 640,
            height: 480,
          }),
        ],
      })),
      totalCount: items.length,
    };
  };
}
