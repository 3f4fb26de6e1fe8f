import { createServer } from 'node:http';
import { checkV3 } from './hubspot-signatures.ts';
import { listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * A node:http card service that verifies v3 correctly but replies with an iframe action where
 * the card's items belong: `{results: [{type: 'IFRAME', url, …}]}`. Route: GET /card.
 */
export function startIframeInResults(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      received.push({ method, url: req.url ?? '', headers: req.headers, body });
      const origin = `http://${req.headers.host}`;
      const problem =
        body !== ''
          ? 'BODY_NOT_ALLOWED'
          : checkV3({ secret, method, url: `${origin}${req.url}`, body, headers: req.headers });
      res.writeHead(problem ? 401 : 200, { 'content-type': 'application/json' });
      if (problem) {
        res.end(JSON.stringify({ code: problem }));
        return;
      }
      res.end(
        JSON.stringify({
          results: [
            { type: 'IFRAME', width: 890, height: 748, uri: `${origin}/embed`, label: 'Open the dashboard' },
          ],
        }),
      );
    });
  });
  return listen(server, '/card', received);
}
