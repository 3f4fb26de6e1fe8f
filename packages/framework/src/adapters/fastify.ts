import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { SpokeFrameworkError } from '../errors.ts';
import type { SpokeApp } from '../spoke-app.ts';
import { toRequest } from './node-request.ts';

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * A Fastify plugin serving the app's routes. It is encapsulated: its own buffer content-type
 * parser (capped at the app's bodyLimit) hands the raw bytes to the verifier without touching
 * the parsers of the rest of your server. Register it without a prefix, after adding the routes.
 * @example
 * const server = Fastify();
 * await server.register(spokeFastify(app));
 */
export function spokeFastify(app: SpokeApp): FastifyPluginAsync {
  return async (instance) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: app.bodyLimit },
      (_request, body, done) => done(null, body),
    );
    instance.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      if (error.statusCode !== 413) throw error;
      const tooLarge = new SpokeFrameworkError(
        'REQUEST_BODY_TOO_LARGE',
        `the body of ${request.method} ${request.url} is larger than the ${app.bodyLimit}-byte bodyLimit; raise bodyLimit in createApp if such bodies are expected.`,
      );
      return reply.code(tooLarge.status).send({ code: tooLarge.code, message: tooLarge.message });
    });
    const paths = new Set(app.routes.map((route) => route.path));
    for (const url of paths) {
      instance.route({
        method: methods,
        url,
        handler: async (request, reply) => {
          const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
          const response = await app.fetch(toRequest(request.raw, { body }));
          return send(reply, response);
        },
      });
    }
  };
}

async function send(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  const body = Buffer.from(await response.arrayBuffer());
  reply.code(response.status);
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  return reply.send(body);
}
