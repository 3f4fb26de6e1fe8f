import { checkV3 } from './hubspot-signatures.ts';
import { type RealService, startHttpService } from './service.ts';

/**
 * A node:http card service that links records by `hs_object_id`, asked for in the card's
 * `propertiesToSend`: with it, a "Linked" card naming the id; without it, its "not linked"
 * branch (a card titled `Not linked`). Verifies v3. Route: GET /card.
 */
export function startReadsObjectId(secret: string): Promise<RealService> {
  return startHttpService('/card', ({ method, url: target, headers, body }, res, origin) => {
    const url = new URL(`${origin}${target}`);
    const problem =
      body !== '' ? 'BODY_NOT_ALLOWED' : checkV3({ secret, method, url: url.href, body, headers });
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
}
