import type { DeveloperApiClient } from './developer-api-client.ts';
import type { PushChange } from './plan-push.ts';

/** What applying the plan did: changes made, and notes for what could not be made through the API. */
export interface PushOutcome {
  applied: PushChange[];
  notes: string[];
}

/**
 * Applies planned changes in order, stopping at the first refusal (the error says which call
 * failed; everything before it is applied, and a re-run picks up from there).
 */
export async function applyPush(
  client: DeveloperApiClient,
  changes: readonly PushChange[],
  onApplied: (change: PushChange) => void = () => {},
): Promise<PushOutcome> {
  const applied: PushChange[] = [];
  const notes: string[] = [];
  for (const change of changes) {
    switch (change.target) {
      case 'card':
        if (change.op === 'create') await client.createCard(change.body);
        else if (change.op === 'update') await client.updateCard(change.id, change.patch);
        else await client.deleteCard(change.id);
        break;
      case 'calling':
        if (change.op === 'create') await client.createCalling(change.body);
        else if (change.op === 'update') await client.updateCalling(change.patch);
        else await client.deleteCalling();
        break;
      case 'channelConnection':
        if (change.op === 'create') await client.createChannelConnection(change.body);
        else if (change.op === 'update') await client.updateChannelConnection(change.patch);
        else await client.deleteChannelConnection();
        break;
      case 'shareVia':
        // HubSpot has no public API for the Share Via target; only the emulator's control API sets it.
        if (!(await client.setShareVia(change.to))) {
          notes.push(
            `set the Share Via target base URL to ${change.to ?? '(none)'} in the app's settings on HubSpot: the developer API has no endpoint for it.`,
          );
          continue;
        }
        break;
      case 'app':
        // Emulator settings: HubSpot calls the URLs in the definitions, in the shape it serves today.
        if (!(await client.setAppSettings({ [change.field]: change.to }))) {
          notes.push(
            change.field === 'permittedUrls'
              ? "permittedUrls are set in your HubSpot project's app-hsmeta.json (uploaded with hs project upload), not through the developer API; nothing to push."
              : change.field === 'redirectUrls'
                ? "redirectUrls are set in your app's Auth settings on HubSpot, not through the developer API; nothing to push."
                : `${change.field} is a setting of Spoke's emulator, not of HubSpot: ${change.field === 'publicUrl' ? 'HubSpot calls the URLs in your card definitions' : 'HubSpot sends the shape of the path your app is on (docs/migration.md)'}; nothing to push.`,
          );
          continue;
        }
        break;
      case 'cardPublicUrl': {
        // After the card changes: the card has its id now, found by its title.
        const card = (await client.listCards()).find((c) => c.title === change.title);
        const patch = card ? { cardPublicUrls: { [card.id]: change.to } } : null;
        if (!patch || !(await client.setAppSettings(patch))) {
          notes.push(
            `card "${change.title}": publicUrl is a setting of Spoke's emulator, not of HubSpot, which calls the card's own URL; nothing to push.`,
          );
          continue;
        }
        break;
      }
    }
    applied.push(change);
    onApplied(change);
  }
  return { applied, notes };
}
