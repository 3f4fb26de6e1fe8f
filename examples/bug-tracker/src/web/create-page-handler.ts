import type { Logger } from '@spoke/framework';
import { BugTrackerError } from '../errors.ts';
import type { TrackerContext } from '../hubspot/tracker-context.ts';
import { oauthRoutes } from '../oauth/oauth-routes.ts';
import { browseRoutes } from './browse-routes.ts';
import { frameRoutes } from './frame-routes.ts';
import { htmlResponse } from './layout.ts';
import type { PageRoute } from './page-route.ts';
import { errorPage } from './pages/error-page.ts';

const routes: readonly PageRoute[] = [...browseRoutes, ...frameRoutes, ...oauthRoutes];

const headings: Readonly<Record<number, string>> = {
  400: 'That did not work',
  403: 'This link does not work',
  404: 'Not found',
  405: 'Not allowed',
};

/**
 * The tracker's pages as one fetch handler: its own UI and the IFRAME pages. A BugTrackerError
 * becomes a page with its status and code; anything else a 500 page, logged, without details.
 */
export function createPageHandler(
  tracker: TrackerContext,
  logger: Logger,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const urls = tracker.urlsFor(request);
    let frame = false;
    try {
      for (const route of routes) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        frame = route.frame;
        if (!route.methods.includes(request.method)) {
          return new Response(`${request.method} is not allowed here`, {
            status: 405,
            headers: { allow: route.methods.join(', ') },
          });
        }
        return await route.handle({ request, url, params: match.slice(1), tracker, urls });
      }
      throw new BugTrackerError('TRACKER_PAGE_NOT_FOUND', `there is no page at ${url.pathname}.`);
    } catch (error) {
      const known =
        error instanceof BugTrackerError
          ? error
          : new BugTrackerError(
              'TRACKER_INTERNAL_ERROR',
              'the tracker could not answer this; the details are in its log.',
            );
      if (!(error instanceof BugTrackerError)) {
        logger.error(`[bug-tracker] ${request.method} ${url.pathname} failed`, { error });
      }
      const page = errorPage({
        base: urls.base,
        heading: headings[known.status] ?? 'Something went wrong',
        message: known.message,
        code: known.code,
        frame,
      });
      return htmlResponse(page, known.status);
    }
  };
}
