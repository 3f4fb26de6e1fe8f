import type { ChannelConnectionHandler } from '@spoke/framework';
import type { TrackerContext } from './tracker-context.ts';

/**
 * The calling help-desk channel connection: the support team's lines from the database. Lines
 * with an extension are listed by HubSpot but cannot be picked (docs/protocol.md §4.2).
 */
export function createChannelConnectionHandler(tracker: TrackerContext): ChannelConnectionHandler {
  return async () => {
    const lines = await tracker.store.supportLines.list();
    return {
      phoneNumbers: lines.map((line) => ({
        e164PhoneNumber: line.e164,
        friendlyName: line.friendlyName,
        ...(line.extension === null ? {} : { extension: line.extension }),
      })),
    };
  };
}
