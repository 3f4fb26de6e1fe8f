import { createServer } from 'node:http';
import express from 'express';
import { checkV3 } from './hubspot-signatures.ts';
import { cardReply, listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * An Express card service that mounted its data-fetch route as POST, a common slip: HubSpot
 * fetches cards with GET, which gets Express's own 404 (`Cannot GET /card`). Verifies v3.
 * Route: POST /card.
 */
export function startPostOnlyCard(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const app = express();
  app.use(express.text({ type: '*/*' }));
  app.use((req, _res, next) => {
    const body = typeof req.body === 'string' ? req.body : '';
    received.push({ method: req.method, url: req.originalUrl, headers: req.headers, body });
    next();
  });
  app.post('/card', (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const problem = checkV3({ secret, method: req.method, url, body, headers: req.headers });
    if (problem) {
      res.status(401).json({ code: problem });
      return;
    }
    res.json(cardReply('Tickets', `${req.protocol}://${req.get('host')}`));
  });
  return listen(createServer(app), '/card', received);
}
