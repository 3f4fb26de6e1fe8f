import type { TrackerStore } from '../store/tracker-store.ts';
import type { LinkSigner } from '../web/link-signer.ts';
import type { HubSpotAccount } from './hubspot-account.ts';
import type { OpenIssuesWriteBack } from './open-issues-write-back.ts';
import type { TrackerUrls } from './tracker-urls.ts';

/** What every handler and page of the tracker works with. */
export interface TrackerContext {
  readonly store: TrackerStore;
  readonly links: LinkSigner;
  /** The tracker's URLs as seen from outside, for this request. */
  urlsFor(request: Request): TrackerUrls;
  /** Epoch ms. */
  now(): number;
  /** The app's side of HubSpot's OAuth; null when `HUBSPOT_CLIENT_ID` is not set (nothing is installed). */
  readonly hubspot: HubSpotAccount | null;
  /** Signs and checks the `state` of an install (10 minutes). */
  readonly oauthStates: LinkSigner;
  /** Writes `open_issues` back to the contacts whose issues changed. */
  readonly writeBack: OpenIssuesWriteBack;
}
