import { createServer } from 'node:http';
import { checkV3 } from './hubspot-signatures.ts';
import { listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * A node:http card service that links records by `hs_object_id`, asked for in the card's
 * `propertiesToSend`: with it, a "Linked" card naming the id; without it, its "not linked"
 * branch (a card titled `Not linked`). Verifies v3. Route: GET /card.
 */
export function startReadsObjectId(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      received.push({ method, url: req.url ?? '', headers: req.headers, body });
      const origin = `http://${req.headers.host}`;
      const url = new URL(`${origin}${req.url}`);
      const problem =
        body !== ''
          ? 'BODY_NOT_ALLOWED'
          : checkV3({ secret, method, url: url.href, body, headers: req.headers });
      res.writeHead(problem ? 401 : 200, { 'content-type': 'application/json' });
      if (problem) {
        res.end(JSON.stringify({ code: problem }));
        return;
      }
      const id = url.searchParams.get('hs_object_id');
      const item = id
        ? { objectId: Number(id), title: `Linked: record ${id}`, link: `${origin}/records/${id}` }
        : { objectId: 1, title: 'Not linked', link: `${origin}/link` };
      res.end(JSON.stringify({ results: [item] }));
    });
  });
  return listen(server, '/card', received);
}
