import Fastify from 'fastify';
import type { BenchServer } from './bench-server.ts';
import { frameworkModules } from './framework-modules.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/** The service registered in Fastify through `@spoke/framework/fastify` (compiled, see `framework-modules.ts`). */
export async function startSpokeFastifyServer(): Promise<BenchServer> {
  const { index, fastify: adapter } = await frameworkModules();
  const server = Fastify();
  await server.register(adapter.spokeFastify(createSpokeCardApp(index.createApp)));
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, close: () => server.close() };
}
