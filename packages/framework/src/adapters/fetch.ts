import type { SpokeApp } from '../spoke-app.ts';

export { createApp } from '../create-app.ts';

/**
 * The app as a plain fetch handler for Workers, Bun, Deno or Hono; extra arguments those
 * runtimes pass (env, context, connection info) are ignored.
 * @example
 * export default { fetch: toFetchHandler(app) };             // Cloudflare Workers, Bun
 * Deno.serve(toFetchHandler(app));                            // Deno
 * hono.all('/hubspot/*', (c) => app.fetch(c.req.raw));        // inside a Hono app
 */
export function toFetchHandler(
  app: SpokeApp,
): (request: Request, ...runtime: unknown[]) => Promise<Response> {
  return (request) => app.fetch(request);
}
