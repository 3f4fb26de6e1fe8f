import { createHash } from 'node:crypto';
import type { App } from './entities.ts';

/**
 * The app's OAuth client id, uuid-like as HubSpot's. An app that carries none (every app the
 * emulator creates, and those of older data files) has one derived from its id: stable across
 * restarts, exports and imports, without a write.
 */
export function clientIdOf(app: Pick<App, 'id' | 'clientId'>): string {
  if (app.clientId) return app.clientId;
  const hex = createHash('sha256').update(`spoke-client-id:${app.id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
