/**
 * Where each HubSpot call arrives. spoke.config.json points the card, the Share Via target and the
 * channel connection at these paths; the card's actions point at `acknowledge` and `frame`.
 */
export const routes = {
  card: '/hubspot/card',
  acknowledge: '/hubspot/actions/acknowledge',
  shareVia: '/hubspot/share',
  channels: '/hubspot/channels',
  /** The page the IFRAME action opens (served by src/server.ts, not signed). */
  frame: '/frame',
} as const;
