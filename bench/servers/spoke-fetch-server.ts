import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type BenchServer, fromListening } from './bench-server.ts';
import { frameworkModules } from './framework-modules.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/**
 * The service through its public fetch entry, `app.fetch`, served by `@hono/node-server` as a
 * hono app is (compiled, see `framework-modules.ts`): what a user mounting Spoke in hono, Bun,
 * Deno or Workers runs.
 */
export async function startSpokeFetchServer(): Promise<BenchServer> {
  const { index } = await frameworkModules();
  const app = createSpokeCardApp(index.createApp);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(fromListening(server as Server)),
    );
  });
}
