import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@spoke/framework/node';
import { createHubspotApp } from './app.js';
import { framePage } from './frame-page.js';
import { routes } from './routes.js';
import { readServiceEnv, serviceUrl } from './service-env.js';

// The service on node:http, through @spoke/framework/node: HubSpot's calls go to the app (signature
// checked first), and the page the card's IFRAME action opens is served next to them.
const env = readServiceEnv(process.env);
const hubspot = toNodeListener(createHubspotApp(env));

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === routes.frame) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(framePage(url.searchParams.get('item') ?? ''));
    return;
  }
  hubspot(req, res);
});

server.listen(env.port, env.host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on ${serviceUrl(env.host, port)}`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
});
