import { createServer } from 'node:http';
import { checkV3 } from './hubspot-signatures.ts';
import { cardReply, listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * A node:http card service that does everything right: refuses a body on GET, verifies v3 with a
 * canonical, fresh timestamp in constant time, answers 401 with only a code. Route: GET /card.
 */
export function startHealthyV3(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      received.push({ method, url: req.url ?? '', headers: req.headers, body });
      const origin = `http://${req.headers.host}`;
      if (method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      if (body !== '') {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"BODY_NOT_ALLOWED"}');
        return;
      }
      const problem = checkV3({ secret, method, url: `${origin}${req.url}`, body, headers: req.headers });
      if (problem) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: problem }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(cardReply('Tickets', origin)));
    });
  });
  return listen(server, '/card', received);
}
