import { createServer } from 'node:http';
import express from 'express';
import { checkV3 } from './hubspot-signatures.ts';
import { cardReply, listen, type RealService, type ReceivedRequest } from './service.ts';

/** The public base URL the service is deployed behind (a proxy or tunnel). */
export const fixedPublicUrl = 'https://app.example.com';

/**
 * An Express card service behind a proxy: it verifies v3 against its public URL,
 * `https://app.example.com` + the path and query it received (so `https://app.example.com/card?…`),
 * whatever host the request came in on. Route: GET /card.
 */
export function startFixedPublicUrl(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const app = express();
  app.use(express.text({ type: '*/*' }));
  app.get('/card', (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    received.push({ method: req.method, url: req.originalUrl, headers: req.headers, body });
    const problem = checkV3({
      secret,
      method: req.method,
      url: `${fixedPublicUrl}${req.originalUrl}`,
      body,
      headers: req.headers,
    });
    if (problem) {
      res.status(401).json({ code: problem, message: 'signature check failed' });
      return;
    }
    res.json(cardReply('Tickets', fixedPublicUrl));
  });
  return listen(createServer(app), '/card', received);
}
