import type { TrackerContext } from '../hubspot/tracker-context.ts';
import type { TrackerUrls } from '../hubspot/tracker-urls.ts';

/** What a page handler gets. */
export interface PageRequest {
  readonly request: Request;
  readonly url: URL;
  /** Path parameters captured by the route's pattern, in order. */
  readonly params: readonly string[];
  readonly tracker: TrackerContext;
  readonly urls: TrackerUrls;
}

/** One page of the tracker: a method, a path pattern and what answers it. */
export interface PageRoute {
  readonly methods: readonly string[];
  /** Anchored pattern of the path; groups become `params`. */
  readonly pattern: RegExp;
  /** True for pages shown inside HubSpot's IFRAME modal (errors render without navigation). */
  readonly frame: boolean;
  handle(page: PageRequest): Promise<Response>;
}
