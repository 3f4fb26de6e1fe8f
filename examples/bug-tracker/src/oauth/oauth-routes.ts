import { randomBytes } from 'node:crypto';
import { BugTrackerError } from '../errors.ts';
import { type HubSpotAccount, OauthCallFailure, trackerScopes } from '../hubspot/hubspot-account.ts';
import type { TrackerContext } from '../hubspot/tracker-context.ts';
import { trackerPaths } from '../hubspot/tracker-urls.ts';
import { trackerLimits } from '../tracker-limits.ts';
import { htmlResponse } from '../web/layout.ts';
import type { PageRequest, PageRoute } from '../web/page-route.ts';
import { errorPage } from '../web/pages/error-page.ts';
import { installedPage } from './installed-page.ts';

/** The cookie that ties an install's `state` to the browser that started it. */
export const oauthStateCookie = 'bug_tracker_oauth_state';

function accountOf(tracker: TrackerContext): HubSpotAccount {
  if (tracker.hubspot === null) {
    throw new BugTrackerError(
      'TRACKER_OAUTH_NOT_CONFIGURED',
      "the tracker has no HubSpot client id, so it cannot be installed: set HUBSPOT_CLIENT_ID to the app's client id (HubSpot developer account → app → Auth; `npm start` sets it to the emulator app's).",
    );
  }
  return tracker.hubspot;
}

function stateCookie(value: string, base: string, maxAgeSeconds: number): string {
  const secure = base.startsWith('https:') ? '; Secure' : '';
  return `${oauthStateCookie}=${value}; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** The redirect URL registered with the app: `{public URL}/oauth/callback`. */
export function oauthRedirectUri(base: string): string {
  return `${base}${trackerPaths.oauthCallback}`;
}

/**
 * `GET /oauth/install`: sends the browser to HubSpot's consent screen with the tracker's scopes and
 * a `state` made of a random nonce (also set as a cookie on this browser) and its signature.
 */
async function startInstall(page: PageRequest): Promise<Response> {
  const account = accountOf(page.tracker);
  const nonce = randomBytes(18).toString('base64url');
  const state = `${nonce}.${page.tracker.oauthStates.sign('oauth-state', { nonce })}`;
  return new Response(null, {
    status: 302,
    headers: {
      location: account.authorizeUrl(oauthRedirectUri(page.urls.base), state),
      'set-cookie': stateCookie(nonce, page.urls.base, trackerLimits.oauthStateTtlMs / 1000),
      'cache-control': 'no-store',
    },
  });
}

/** True when `state` is one this tracker signed in the last 10 minutes for the nonce in the browser's cookie. */
function stateMatches(page: PageRequest, state: string | null): boolean {
  const match = /^([A-Za-z0-9_-]{24})\.(.+)$/.exec(state ?? '');
  if (!match?.[1] || !match[2]) return false;
  const nonce = match[1];
  if (cookieValue(page.request, oauthStateCookie) !== nonce) return false;
  return page.tracker.oauthStates.verify('oauth-state', { nonce }, match[2]);
}

/**
 * `GET /oauth/callback`: where HubSpot sends the browser back. `error` (Cancel on the consent
 * screen): a page saying nothing was installed. Otherwise the state is checked, the code exchanged,
 * the portal's tokens stored, and the `open_issues` of the portal's contacts written (a first sync).
 */
async function finishInstall(page: PageRequest): Promise<Response> {
  const account = accountOf(page.tracker);
  const query = page.url.searchParams;
  const error = query.get('error');
  if (error !== null) {
    const reason = query.get('error_description');
    const known = new BugTrackerError(
      'TRACKER_OAUTH_DENIED',
      `HubSpot did not install the tracker: ${reason ? `${reason} (${error})` : error}. Nothing was stored. To install it, start again at ${page.urls.base}/oauth/install and choose Connect.`,
    );
    return htmlResponse(
      errorPage({
        base: page.urls.base,
        heading: 'Not installed',
        message: known.message,
        code: known.code,
        frame: false,
      }),
      known.status,
    );
  }
  if (!stateMatches(page, query.get('state'))) {
    throw new BugTrackerError(
      'TRACKER_OAUTH_STATE_INVALID',
      `this install's state is not the one this browser started with (missing, altered, older than ${trackerLimits.oauthStateTtlMs / 60_000} minutes, or begun in another browser), so the code was not used. Start again at ${page.urls.base}/oauth/install.`,
    );
  }
  const code = query.get('code');
  if (!code) {
    throw new BugTrackerError(
      'TRACKER_OAUTH_EXCHANGE_FAILED',
      `HubSpot sent the browser back without a code or an error. Start again at ${page.urls.base}/oauth/install.`,
    );
  }
  let install: Awaited<ReturnType<HubSpotAccount['install']>>;
  try {
    install = await account.install(code, oauthRedirectUri(page.urls.base));
  } catch (failure) {
    if (!(failure instanceof OauthCallFailure)) throw failure;
    throw new BugTrackerError(
      'TRACKER_OAUTH_EXCHANGE_FAILED',
      `HubSpot gave no tokens for this install: ${failure.message}. Nothing was stored; start again at ${page.urls.base}/oauth/install (a code works once and only for a few minutes).`,
    );
  }
  // A first sync: every contact of the portal with issues gets its open_issues now, not at its next change.
  await page.tracker.writeBack.afterChange(
    await page.tracker.store.issues.recordsWithIssues(install.portalId, 'CONTACT'),
  );
  const response = htmlResponse(installedPage({ base: page.urls.base, install, requested: trackerScopes }));
  response.headers.append('set-cookie', stateCookie('', page.urls.base, 0));
  return response;
}

const path = (p: string) => new RegExp(`^${p}$`);

/** The install through HubSpot's OAuth: `/oauth/install` and the redirect URL `/oauth/callback`. */
export const oauthRoutes: readonly PageRoute[] = [
  { methods: ['GET', 'HEAD'], pattern: path(trackerPaths.oauthInstall), frame: false, handle: startInstall },
  { methods: ['GET'], pattern: path(trackerPaths.oauthCallback), frame: false, handle: finishInstall },
];
