import type { AddressInfo } from 'node:net';
import { spokeFastify } from '@spoke/framework/fastify';
import Fastify from 'fastify';
import { createHubspotApp } from './app.js';
import { framePage } from './frame-page.js';
import { routes } from './routes.js';
import { readServiceEnv, serviceUrl } from './service-env.js';

// The service on Fastify, through @spoke/framework/fastify. The plugin hands the body to Spoke
// unread (signatures are checked against the raw bytes); your other routes keep Fastify's parsers.
const env = readServiceEnv(process.env);
const fastify = Fastify();

fastify.get<{ Querystring: { item?: string } }>(routes.frame, (request, reply) =>
  reply.type('text/html; charset=utf-8').send(framePage(request.query.item ?? '')),
);
await fastify.register(spokeFastify(createHubspotApp(env)));
await fastify.listen({ port: env.port, host: env.host });

const { port } = fastify.server.address() as AddressInfo;
console.log(`listening on ${serviceUrl(env.host, port)}`);

process.once('SIGTERM', () => {
  void fastify.close();
});
