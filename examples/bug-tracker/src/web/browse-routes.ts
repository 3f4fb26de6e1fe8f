import { isIssueState } from '../domain/issue.ts';
import type { FeedRef } from '../domain/post.ts';
import { BugTrackerError } from '../errors.ts';
import { trackerPaths } from '../hubspot/tracker-urls.ts';
import { trackerLimits } from '../tracker-limits.ts';
import { htmlResponse } from './layout.ts';
import type { PageRequest, PageRoute } from './page-route.ts';
import { feedPage } from './pages/feed-page.ts';
import { issuePage } from './pages/issue-page.ts';
import { issuesPage } from './pages/issues-page.ts';
import { positiveInt, queryRecord } from './query-record.ts';

function notFound(what: string): BugTrackerError {
  return new BugTrackerError('TRACKER_PAGE_NOT_FOUND', `there is no ${what}; it may have been deleted.`);
}

function idParam(page: PageRequest, what: string): number {
  const id = positiveInt(page.params[0]);
  if (id === null) throw notFound(what);
  return id;
}

async function showIssues({ url, tracker, urls }: PageRequest): Promise<Response> {
  const record = queryRecord(url.searchParams);
  const requested = url.searchParams.get('state') ?? 'active';
  const state =
    requested === 'all' || requested === 'active' || isIssueState(requested) ? requested : 'active';
  const pageNumber = positiveInt(url.searchParams.get('page')) ?? 1;
  const pageSize = trackerLimits.issuesPerPage;
  const { issues, total } = await tracker.store.issues.list(
    { state, ...(record ? { record } : {}) },
    { limit: pageSize, offset: (pageNumber - 1) * pageSize },
  );
  return htmlResponse(
    issuesPage({ urls, issues, total, page: pageNumber, pageSize, state, ...(record ? { record } : {}) }),
  );
}

async function showIssue(page: PageRequest): Promise<Response> {
  const id = idParam(page, 'such issue');
  const issue = await page.tracker.store.issues.get(id);
  if (issue === null) throw notFound(`issue ${id}`);
  const links = await page.tracker.store.issues.links(id);
  return htmlResponse(issuePage({ urls: page.urls, issue, links }));
}

async function showFeed(page: PageRequest, kind: FeedRef['kind']): Promise<Response> {
  const { store } = page.tracker;
  const id = idParam(page, `such ${kind}`);
  const owner = kind === 'project' ? await store.team.project(id) : await store.team.member(id);
  if (owner === null) throw notFound(`${kind} ${id}`);
  const feed: FeedRef = { kind, id };
  const posts = await store.posts.feed(feed, trackerLimits.postsPerFeed);
  const { issues } = await store.issues.list(kind === 'project' ? { projectId: id } : { assigneeId: id }, {
    limit: trackerLimits.issuesPerPage,
  });
  const subheading = 'key' in owner ? `Project ${owner.key}` : `Team member · ${owner.email}`;
  return htmlResponse(feedPage({ urls: page.urls, heading: owner.name, subheading, posts, issues }));
}

async function health({ tracker }: PageRequest): Promise<Response> {
  try {
    await tracker.store.db.query('SELECT 1 AS ok');
    return Response.json({ status: 'ok', database: tracker.store.db.dialect });
  } catch (cause) {
    const error = new BugTrackerError(
      'TRACKER_DATABASE_UNAVAILABLE',
      `${tracker.store.db.description} does not answer: ${(cause as Error).message}.`,
      { cause },
    );
    return Response.json(
      { status: 'unavailable', code: error.code, message: error.message },
      { status: error.status },
    );
  }
}

const get = ['GET', 'HEAD'] as const;

/** The tracker's own pages: the issue list ("See all"), issues, project and member feeds, health. */
export const browseRoutes: readonly PageRoute[] = [
  {
    methods: get,
    pattern: /^\/$/,
    frame: false,
    handle: async ({ urls }) => Response.redirect(urls.issues(), 302),
  },
  { methods: get, pattern: new RegExp(`^${trackerPaths.health}$`), frame: false, handle: health },
  { methods: get, pattern: new RegExp(`^${trackerPaths.issues}/?$`), frame: false, handle: showIssues },
  { methods: get, pattern: new RegExp(`^${trackerPaths.issues}/([^/]+)$`), frame: false, handle: showIssue },
  {
    methods: get,
    pattern: new RegExp(`^${trackerPaths.projects}/([^/]+)$`),
    frame: false,
    handle: (page) => showFeed(page, 'project'),
  },
  {
    methods: get,
    pattern: new RegExp(`^${trackerPaths.members}/([^/]+)$`),
    frame: false,
    handle: (page) => showFeed(page, 'member'),
  },
];
