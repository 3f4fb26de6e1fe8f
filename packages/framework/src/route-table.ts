import type { Route } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import type { RouteInfo } from './spoke-app.ts';

/** What a path and method lead to. */
export type RouteMatch =
  | { readonly type: 'found'; readonly route: Route }
  | { readonly type: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly type: 'not-found' };

/** The app's routes: exact paths, each method served by at most one handler. */
export interface RouteTable {
  add(route: Route): void;
  match(pathname: string, method: string): RouteMatch;
  has(pathname: string): boolean;
  readonly list: readonly RouteInfo[];
}

function checkPath(path: string, kind: string): void {
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s?#]/.test(path)) {
    throw new SpokeFrameworkError(
      'APP_CONFIG_INVALID',
      `the ${kind} path ${JSON.stringify(path)} must start with "/" and carry no query, fragment or spaces, e.g. "/hubspot/card".`,
    );
  }
}

/** Creates an empty route table; `add` throws ROUTE_DUPLICATE when a path and method are taken. */
export function createRouteTable(): RouteTable {
  const byPath = new Map<string, Route[]>();
  const list: RouteInfo[] = [];
  return {
    add(route) {
      const { path, methods, kind } = route.info;
      checkPath(path, kind);
      const existing = byPath.get(path) ?? [];
      for (const other of existing) {
        const shared = methods.filter((method) => other.info.methods.includes(method));
        if (shared.length > 0) {
          throw new SpokeFrameworkError(
            'ROUTE_DUPLICATE',
            `${shared.join(', ')} ${path} is already served by the ${other.info.kind} handler, so the ${kind} handler cannot take it; use another path or split the methods ({ methods }).`,
          );
        }
      }
      byPath.set(path, [...existing, route]);
      list.push(route.info);
    },
    match(pathname, method) {
      const routes = byPath.get(pathname);
      if (routes === undefined) return { type: 'not-found' };
      const wanted = method.toUpperCase();
      const route = routes.find((candidate) => candidate.info.methods.includes(wanted));
      if (route !== undefined) return { type: 'found', route };
      return { type: 'method-not-allowed', allow: routes.flatMap((candidate) => candidate.info.methods) };
    },
    has: (pathname) => byPath.has(pathname),
    list,
  };
}
