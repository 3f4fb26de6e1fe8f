import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CoreResult } from '../respond.ts';
import type { SpokeApp } from '../spoke-app.ts';
import { NodeCall } from './node-call.ts';
import { toRequest } from './node-request.ts';

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * A Fastify plugin serving the app's routes. It is encapsulated: its own content-type parser
 * hands the body stream, unread, to Spoke, which reads it under the app's bodyLimit and
 * bodyTimeout; the parsers of the rest of your server are untouched. Register it without a
 * prefix, after adding the routes.
 * @example
 * const server = Fastify();
 * await server.register(spokeFastify(app));
 */
export function spokeFastify(app: SpokeApp): FastifyPluginAsync {
  const { handle } = app;
  return async (instance) => {
    instance.removeAllContentTypeParsers();
    // The stream itself becomes `request.body` (after any preParsing hook of the server).
    instance.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const paths = new Set(app.routes.map((route) => route.path));
    for (const url of paths) {
      instance.route({
        method: methods,
        url,
        handler: async (request, reply) => {
          if (handle === undefined) return send(reply, await app.fetch(await toFetchRequest(request)));
          const body = bodyOf(request);
          return send(reply, await handle(new NodeCall(request.raw, reply.raw, request.url, body)));
        },
      });
    }
  };
}

function bodyOf(request: FastifyRequest): Readable | undefined {
  const { body } = request;
  return typeof body === 'object' && body !== null && 'pipe' in body ? (body as Readable) : undefined;
}

/** For an app without `handle` (a hand-made SpokeApp, a spread copy): the body read here, then a `Request`. */
async function toFetchRequest(request: FastifyRequest): Promise<Request> {
  const stream = bodyOf(request);
  if (stream === undefined) return toRequest(request.raw, { body: new Uint8Array(0) });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return toRequest(request.raw, { body: Buffer.concat(chunks) });
}

async function send(reply: FastifyReply, result: CoreResult): Promise<FastifyReply> {
  if (!(result instanceof Response)) {
    reply.code(result.status).headers(result.headers);
    if (result.closeConnection === true) reply.header('connection', 'close');
    return reply.send(result.body);
  }
  const body = Buffer.from(await result.arrayBuffer());
  reply.code(result.status);
  for (const [name, value] of result.headers) {
    if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
  }
  const cookies = result.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  return reply.send(body);
}
