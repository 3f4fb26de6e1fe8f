import { cardReply, type RealService, startHttpService } from './service.ts';

/**
 * A plain node:http card service that never looks at a signature: it answers every request with
 * a card. `secret` is taken for the common signature and ignored. Route: GET /card.
 */
export function startVerifiesNothing(_secret: string): Promise<RealService> {
  return startHttpService('/card', (_request, res, origin) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(cardReply('Tickets', origin)));
  });
}
