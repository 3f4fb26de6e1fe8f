import { createServer } from 'node:http';
import express from 'express';
import { checkV3 } from './hubspot-signatures.ts';
import { listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * An Express action hook that reads a JSON body (the converter's shape): `express.json()` keeps
 * the raw bytes for the v3 check, then the hook needs `associatedObjectId` from the JSON; a form
 * body (legacy cards' shape) leaves it out and gets 400. Its v3 check takes the decoded and the
 * raw URL (decision 0011), so only the body shape decides. Route: POST /hook.
 */
export function startJsonHook(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const app = express();
  app.use(
    express.json({
      verify: (req, _res, buf) => {
        (req as { rawBody?: string }).rawBody = buf.toString('utf8');
      },
    }),
  );
  app.post('/hook', (req, res) => {
    const body = (req as { rawBody?: string }).rawBody ?? '';
    received.push({ method: req.method, url: req.originalUrl, headers: req.headers, body });
    const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const problem = checkV3({ secret, method: req.method, url, body, headers: req.headers, alsoRaw: true });
    if (problem) {
      res.status(401).json({ code: problem });
      return;
    }
    const id = (req.body as { associatedObjectId?: unknown } | undefined)?.associatedObjectId;
    if (id === undefined) {
      res.status(400).json({ message: 'associatedObjectId missing from the JSON body' });
      return;
    }
    res.json({ message: `Ticket created for ${id}.` });
  });
  // express.json() answers a JSON syntax error with 400 on its own.
  return listen(createServer(app), '/hook', received);
}
