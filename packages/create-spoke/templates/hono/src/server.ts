import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createHubspotApp } from './app.js';
import { framePage } from './frame-page.js';
import { routes } from './routes.js';
import { readServiceEnv, serviceUrl } from './service-env.js';

// The service on Hono (served by @hono/node-server), through the framework's fetch handler:
// HubSpot's calls are handed to `app.fetch` before anything reads the body, since Spoke checks
// signatures against the raw bytes.
const env = readServiceEnv(process.env);
const app = createHubspotApp(env);
const hono = new Hono();

hono.get(routes.frame, (c) => c.html(framePage(c.req.query('item') ?? '')));
hono.all('/hubspot/*', (c) => app.fetch(c.req.raw));

// overrideGlobalObjects: false keeps Node's own Request and Response, the ones Spoke works with.
const server = serve(
  { fetch: hono.fetch, port: env.port, hostname: env.host, overrideGlobalObjects: false },
  (info) => {
    console.log(`listening on ${serviceUrl(env.host, info.port)}`);
  },
);

process.once('SIGTERM', () => {
  server.close();
});
