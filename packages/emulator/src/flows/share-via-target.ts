import { SpokeEmulatorError } from '../errors.ts';
import type { App } from '../store/entities.ts';

/** The report shared when the caller names none (object type 2 = report). docs/protocol.md §3. */
export const defaultReport = { id: 2334567, type: 2, name: 'Chat Conversations' } as const;

/** The app's Share Via target base URL; 409 API_NOT_CONFIGURED without one. */
export function shareViaTarget(app: App): string {
  if (!app.shareViaTargetUrl) {
    throw new SpokeEmulatorError(
      'API_NOT_CONFIGURED',
      `app ${app.id} has no Share Via target URL; PUT /_spoke/apps/${app.id}/share-via {"targetUrl":"https://…"} first.`,
    );
  }
  return app.shareViaTargetUrl;
}
