import { createApp, type SpokeApp } from '@spoke/framework';
import { createAcknowledgeHook } from './hubspot/acknowledge-hook.js';
import { createCardHandler } from './hubspot/card-handler.js';
import { createChannelConnectionHandler } from './hubspot/channel-connection-handler.js';
import { createShareViaHandlers } from './hubspot/share-via-handlers.js';
import { routes } from './routes.js';

/** What the app needs to run: the HubSpot app's client secret and, behind a tunnel, its public URL. */
export interface HubspotAppOptions {
  /** The client secret every HubSpot request is signed with. */
  clientSecret: string;
  /** The base URL HubSpot calls (e.g. https://abc.ngrok.app), when it is not the one the service sees. */
  publicUrl?: string | undefined;
}

/**
 * The HubSpot side of the service: a CRM card with an ACTION_HOOK and an IFRAME action, the hook
 * behind it, the four Share Via events and the calling channel connection. Every request is
 * signature-checked before a handler runs, and every reply is validated before it leaves.
 */
export function createHubspotApp(options: HubspotAppOptions): SpokeApp {
  return createApp({ clientSecret: options.clientSecret, publicUrl: options.publicUrl })
    .crmCard(routes.card, createCardHandler({ publicUrl: options.publicUrl }))
    .actionHook(routes.acknowledge, createAcknowledgeHook(), { methods: ['POST'] })
    .shareVia(routes.shareVia, createShareViaHandlers())
    .channelConnection(routes.channels, createChannelConnectionHandler());
}
