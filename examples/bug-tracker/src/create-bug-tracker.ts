import { type Clock, createApp, createConsoleLogger, type Logger, type SpokeApp } from '@spoke/framework';
import { createCardHandler } from './hubspot/create-card-handler.ts';
import { createChannelConnectionHandler } from './hubspot/create-channel-connection-handler.ts';
import { createCloseIssueHook } from './hubspot/create-close-issue-hook.ts';
import { createDeleteIssueHook } from './hubspot/create-delete-issue-hook.ts';
import { createShareViaHandlers } from './hubspot/create-share-via-handlers.ts';
import {
  createHubSpotAccount,
  type HubSpotAccount,
  type HubSpotAppOptions,
} from './hubspot/hubspot-account.ts';
import { createOpenIssuesWriteBack, noWriteBack } from './hubspot/open-issues-write-back.ts';
import { publicBaseUrl } from './hubspot/public-base-url.ts';
import type { TrackerContext } from './hubspot/tracker-context.ts';
import { createTrackerUrls, trackerPaths } from './hubspot/tracker-urls.ts';
import type { TrackerStore } from './store/tracker-store.ts';
import { trackerLimits } from './tracker-limits.ts';
import { createPageHandler } from './web/create-page-handler.ts';
import { createLinkSigner } from './web/link-signer.ts';

/** Options of {@link createBugTracker}. */
export interface BugTrackerOptions {
  /** The migrated store (see `openTrackerStore`). */
  store: TrackerStore;
  /** The app's client secrets, newest first (several while rotating). */
  clientSecrets: readonly string[];
  /** The public base URL HubSpot and browsers use. @default the origin each request arrived on */
  publicUrl?: string | undefined;
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind your own proxy). @default false */
  trustProxy?: boolean;
  /** Time for signatures, link tokens and timestamps. @default the system clock */
  clock?: Clock;
  /** @default console */
  logger?: Logger;
  /**
   * The app's OAuth settings (`HUBSPOT_CLIENT_ID`, `HUBSPOT_APP_URL`, `HUBSPOT_API_URL`): with them the
   * tracker installs through `/oauth/install` and writes `open_issues` back to contacts. Without, the
   * install pages say it is not configured and nothing is written to HubSpot.
   */
  hubspot?: (HubSpotAppOptions & { writeBackWaitMs?: number }) | undefined;
}

/** The running tracker: the HubSpot-facing app and one fetch handler for everything. */
export interface BugTracker {
  /** The signed HubSpot routes (card, action hooks, Share Via, channel connection) only. */
  readonly app: SpokeApp;
  /** Every route: the app's, then the tracker's pages (issue list, IFRAME forms, feeds, `/health`). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The install and its tokens (`accessToken(portalId)` refreshes); null without `hubspot` options. */
  readonly hubspot: HubSpotAccount | null;
}

/**
 * Builds the tracker on `@spoke/framework`. It keeps nothing in memory between requests (the
 * store holds all state), so any number of instances can share one database.
 * @example
 * const tracker = createBugTracker({ store, clientSecrets: [process.env.HUBSPOT_CLIENT_SECRET ?? ''] });
 * const response = await tracker.fetch(new Request('http://127.0.0.1:3500/issues'));
 */
export function createBugTracker(options: BugTrackerOptions): BugTracker {
  const clock = options.clock;
  const now = clock ? () => clock.now() : Date.now;
  const logger = options.logger ?? createConsoleLogger();
  const trustProxy = options.trustProxy ?? false;
  const links = createLinkSigner({
    secrets: options.clientSecrets,
    now,
    ttlMs: trackerLimits.linkTokenTtlMs,
  });
  const [clientSecret = ''] = options.clientSecrets;
  const hubspot = options.hubspot
    ? createHubSpotAccount({
        ...options.hubspot,
        clientSecret,
        installs: options.store.installs,
        now,
        logger,
      })
    : null;
  const tracker: TrackerContext = {
    store: options.store,
    links,
    now,
    hubspot,
    oauthStates: createLinkSigner({
      secrets: options.clientSecrets,
      now,
      ttlMs: trackerLimits.oauthStateTtlMs,
    }),
    writeBack: hubspot
      ? createOpenIssuesWriteBack({
          store: options.store,
          account: hubspot,
          logger,
          ...(options.hubspot?.writeBackWaitMs === undefined
            ? {}
            : { waitMs: options.hubspot.writeBackWaitMs }),
        })
      : noWriteBack,
    urlsFor: (request) =>
      createTrackerUrls(publicBaseUrl(request, { publicUrl: options.publicUrl, trustProxy }), links),
  };
  const app = createApp({
    clientSecrets: options.clientSecrets,
    trustProxy,
    logger,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(clock ? { clock } : {}),
  })
    .crmCard(trackerPaths.card, createCardHandler(tracker))
    .actionHook(trackerPaths.closeIssue, createCloseIssueHook(tracker), { methods: ['POST'] })
    .actionHook(trackerPaths.deleteIssue, createDeleteIssueHook(tracker), { methods: ['DELETE'] })
    .shareVia(trackerPaths.shareVia, createShareViaHandlers(tracker))
    .channelConnection(trackerPaths.channelConnection, createChannelConnectionHandler(tracker));
  const pages = createPageHandler(tracker, logger);
  return {
    app,
    hubspot,
    fetch: (request) => (app.hasRoute(new URL(request.url).pathname) ? app.fetch(request) : pages(request)),
  };
}
