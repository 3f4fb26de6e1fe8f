import { checkV3 } from './hubspot-signatures.ts';
import { cardReply, type RealService, startHttpService } from './service.ts';

/**
 * A node:http card service that does everything right: refuses a body on GET, verifies v3 with a
 * canonical, fresh timestamp in constant time, answers 401 with only a code. Route: GET /card.
 */
export function startHealthyV3(secret: string): Promise<RealService> {
  return startHttpService('/card', ({ method, url: target, headers, body }, res, origin) => {
    if (method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (body !== '') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"BODY_NOT_ALLOWED"}');
      return;
    }
    const problem = checkV3({ secret, method, url: `${origin}${target}`, body, headers });
    if (problem) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: problem }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(cardReply('Tickets', origin)));
  });
}
