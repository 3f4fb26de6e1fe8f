import { createServer } from 'node:http';
import express from 'express';
import { checkV2 } from './hubspot-signatures.ts';
import { cardReply, listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * An Express card service written from HubSpot's card docs: it verifies only
 * `X-HubSpot-Signature` (v2, the scheme those docs describe), ignores the v3 headers, and refuses
 * a bad signature with 403. Route: GET /card.
 */
export function startV2Only403(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const app = express();
  app.use(express.text({ type: '*/*' }));
  app.get('/card', (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    received.push({ method: req.method, url: req.originalUrl, headers: req.headers, body });
    const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    if (!checkV2(secret, req.method, url, body, req.headers['x-hubspot-signature'])) {
      res.status(403).send('Forbidden');
      return;
    }
    res.json(
      cardReply(`Tickets for ${req.query.email ?? 'this contact'}`, `${req.protocol}://${req.get('host')}`),
    );
  });
  return listen(createServer(app), '/card', received);
}
