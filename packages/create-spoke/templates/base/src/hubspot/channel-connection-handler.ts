import type { ChannelConnectionHandler } from '@spoke/framework';

/**
 * The calling help-desk channel connection: the numbers HubSpot's provider picker offers. Numbers
 * are E.164; one with an extension is listed but cannot be picked.
 */
export function createChannelConnectionHandler(): ChannelConnectionHandler {
  return () => ({
    phoneNumbers: [
      { e164PhoneNumber: '+18001231234', friendlyName: 'Support line' },
      { e164PhoneNumber: '+18001235678', friendlyName: 'Sales line' },
    ],
  });
}
