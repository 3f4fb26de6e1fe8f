import type { AddressInfo } from 'node:net';
import { spokeExpress } from '@spoke/framework/express';
import express from 'express';
import { createHubspotApp } from './app.js';
import { framePage } from './frame-page.js';
import { routes } from './routes.js';
import { readServiceEnv, serviceUrl } from './service-env.js';

// The service on Express, through @spoke/framework/express. spokeExpress goes before any body
// parser: Spoke verifies signatures against the raw bytes. Paths it has no route for fall through.
const env = readServiceEnv(process.env);
const server = express();

server.use(spokeExpress(createHubspotApp(env)));
server.get(routes.frame, (req, res) => {
  res.type('html').send(framePage(typeof req.query.item === 'string' ? req.query.item : ''));
});

const listener = server.listen(env.port, env.host, (error?: Error) => {
  if (error) throw error;
  const { port } = listener.address() as AddressInfo;
  console.log(`listening on ${serviceUrl(env.host, port)}`);
});

process.once('SIGTERM', () => {
  listener.close();
  listener.closeIdleConnections();
});
