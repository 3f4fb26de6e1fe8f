import { checkV3 } from './hubspot-signatures.ts';
import { type RealService, startHttpService } from './service.ts';

/**
 * A node:http card service that verifies v3 correctly but replies with an iframe action where
 * the card's items belong: `{results: [{type: 'IFRAME', url, …}]}`. Route: GET /card.
 */
export function startIframeInResults(secret: string): Promise<RealService> {
  return startHttpService('/card', ({ method, url: target, headers, body }, res, origin) => {
    const problem =
      body !== ''
        ? 'BODY_NOT_ALLOWED'
        : checkV3({ secret, method, url: `${origin}${target}`, body, headers });
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
}
