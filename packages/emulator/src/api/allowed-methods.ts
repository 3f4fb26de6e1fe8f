import type { Hono } from 'hono';

/** Methods that have a route for `path` (ignoring catch-alls), to tell a 405 from a 404. */
export function allowedMethods(api: Hono, path: string): string[] {
  const methods = new Set<string>();
  for (const route of api.routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const pattern = new RegExp(
      `^${route.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`,
    );
    if (pattern.test(path)) methods.add(route.method);
  }
  return [...methods];
}
