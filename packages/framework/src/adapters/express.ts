import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { SpokeFrameworkError } from '../errors.ts';
import { errorReply } from '../respond.ts';
import type { SpokeApp } from '../spoke-app.ts';
import { callUrlOf } from './call-url.ts';
import { NodeCall } from './node-call.ts';
import { handleNodeRequest } from './node-http.ts';
import { writeReply } from './send-node-response.ts';

/** Options of {@link spokeExpress}. */
export interface SpokeExpressOptions {
  /** Pass requests for paths the app has no route for to the next middleware. @default true */
  fallthrough?: boolean;
}

/** What Express and its body parsers may have done to the request. */
type ParsedRequest = IncomingMessage & { originalUrl?: string; rawBody?: unknown; _body?: unknown };

/**
 * Express middleware serving the app's routes (paths as Express saw them before any mount path,
 * i.e. `req.originalUrl`). Works before or without `express.json()`; after it, only when the raw
 * bytes were kept as `req.rawBody` (a Buffer), else RAW_BODY_UNAVAILABLE explains the order.
 * Spoke reads an unread body itself, under the app's bodyLimit and bodyTimeout.
 * @example
 * const server = express();
 * server.use(spokeExpress(app)); // before express.json()
 * server.use(express.json());
 */
export function spokeExpress(app: SpokeApp, options: SpokeExpressOptions = {}): RequestHandler {
  const fallthrough = options.fallthrough ?? true;
  const { handle } = app;
  return (expressRequest, res, next) => {
    const req: ParsedRequest = expressRequest;
    const target = req.originalUrl ?? req.url ?? '/';
    // The URL is parsed once: the same parts route here and in the core.
    const url = callUrlOf(req, target);
    if (fallthrough && !app.hasRoute(url.pathname)) {
      next();
      return;
    }
    const body = rawBodyOf(req);
    if (body === 'consumed') {
      const error = new SpokeFrameworkError(
        'RAW_BODY_UNAVAILABLE',
        `a body parser read the body of ${req.method} ${target} before Spoke, and no raw copy exists, so its signature cannot be checked. Mount spokeExpress(app) before express.json()/express.urlencoded(), or keep the bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }).`,
      );
      app.logger.error(error.message);
      writeReply(res, errorReply(error.status, { code: error.code, message: error.message }));
      return;
    }
    if (handle === undefined) {
      handleNodeRequest(app, req, res, { url: target, ...(body === undefined ? {} : { body }) }).catch(next);
      return;
    }
    handle(new NodeCall(req, res, target, body, url))
      .then((result) => writeReply(res, result))
      .catch(next);
  };
}

/** The raw body kept by a parser's verify hook, `consumed` when a parser ate it, undefined when unread. */
function rawBodyOf(req: ParsedRequest): Uint8Array | 'consumed' | undefined {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  // body-parser marks parsed requests with `_body`; either way an ended stream has nothing left.
  const read = req._body === true || req.readableEnded || (req.complete && !req.readable);
  if (!read) return undefined;
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  return hasBody ? 'consumed' : new Uint8Array(0);
}
