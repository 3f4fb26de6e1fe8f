import type { ActionHookHandler } from '@spoke/framework';

/**
 * The card's ACTION_HOOK. The `item` query parameter of the action URI arrives in `properties`
 * with the record's properties; HubSpot shows the returned message to the user.
 */
export function createAcknowledgeHook(): ActionHookHandler {
  return ({ properties, userEmail }) => {
    const item = properties.item;
    if (item === undefined) {
      // Any non-2xx makes HubSpot show the user an error.
      return Response.json({ message: 'No item given; the action URI needs ?item=<id>.' }, { status: 400 });
    }
    return { message: `Item ${item} acknowledged by ${userEmail}.` };
  };
}
