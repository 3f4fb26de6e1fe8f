import { createServer } from 'node:http';
import express from 'express';
import { checkV3 } from './hubspot-signatures.ts';
import { listen, type RealService, type ReceivedRequest } from './service.ts';

/**
 * An Express action hook that reads a form-encoded body (legacy cards' shape) with
 * `express.urlencoded()`, keeping the raw bytes for the v3 check; a JSON body (the converter's
 * shape) leaves `associatedObjectId` out and gets 400. Its v3 check takes the decoded and the
 * raw URL (decision 0011), so only the body shape decides. Route: POST /hook.
 */
export function startFormHook(secret: string): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const app = express();
  app.use(
    express.urlencoded({
      extended: false,
      verify: (req, _res, buf) => {
        (req as { rawBody?: string }).rawBody = buf.toString('utf8');
      },
    }),
  );
  app.use(express.text({ type: '*/*' }));
  app.post('/hook', (req, res) => {
    const raw = (req as { rawBody?: string }).rawBody;
    const body = raw ?? (typeof req.body === 'string' ? req.body : '');
    received.push({ method: req.method, url: req.originalUrl, headers: req.headers, body });
    const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const problem = checkV3({ secret, method: req.method, url, body, headers: req.headers, alsoRaw: true });
    if (problem) {
      res.status(401).json({ code: problem });
      return;
    }
    const fields = raw === undefined ? {} : (req.body as Record<string, string>);
    if (fields.associatedObjectId === undefined) {
      res.status(400).json({ message: 'associatedObjectId missing from the form body' });
      return;
    }
    res.json({ message: `Ticket created for ${fields.associatedObjectId}.` });
  });
  return listen(createServer(app), '/hook', received);
}
