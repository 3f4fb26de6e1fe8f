import Fastify from 'fastify';
import { cardPath } from '../../tests/helpers/card-fixture.ts';
import type { BenchServer } from './bench-server.ts';
import { handCardReply } from './hand-card-reply.ts';

/** Baseline (c): the same service on Fastify. */
export async function startFastifyServer(): Promise<BenchServer> {
  const server = Fastify();
  server.get(cardPath, (request, reply) => {
    const url = `http://${request.headers.host ?? '127.0.0.1'}${request.url}`;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const answer = handCardReply(request.method, url, header);
    return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, close: () => server.close() };
}
