import { createServer } from 'node:http';
import { cardReply, listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * A plain node:http card service that never looks at a signature: it answers every request with
 * a card. `secret` is taken for the common signature and ignored. Route: GET /card.
 */
export function startVerifiesNothing(_secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(cardReply('Tickets', `http://${req.headers.host}`)));
    });
  });
  return listen(server, '/card', received);
}
