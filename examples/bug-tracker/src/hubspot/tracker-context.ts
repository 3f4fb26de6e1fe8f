import type { TrackerStore } from '../store/tracker-store.ts';
import type { LinkSigner } from '../web/link-signer.ts';
import type { TrackerUrls } from './tracker-urls.ts';

/** What every handler and page of the tracker works with. */
export interface TrackerContext {
  readonly store: TrackerStore;
  readonly links: LinkSigner;
  /** The tracker's URLs as seen from outside, for this request. */
  urlsFor(request: Request): TrackerUrls;
  /** Epoch ms. */
  now(): number;
}
