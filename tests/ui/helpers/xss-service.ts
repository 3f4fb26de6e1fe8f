import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostileContent } from './xss-content.ts';

/** A service that answers every webhook with XSS vectors (see xss-content.ts). */
export interface HostileService {
  url: string;
  /** What to answer; set once the emulator's URL is known. */
  content: HostileContent | null;
  /** `METHOD path` of every request, in order. */
  calls: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The IFRAME page: posts hostile strings to the emulator's window, as a page may (docs/protocol.md §2.4). */
function framePage(posts: readonly string[]): string {
  // JSON inside a script: escape `<` so the page itself stays well-formed whatever the strings are.
  const data = JSON.stringify(posts)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `<!doctype html><html><head><meta charset="utf-8"><title>hostile page</title></head><body>
<p id="ready">hostile page</p>
<script>for (const post of ${data}) window.parent.postMessage(post, '*');</script>
</body></html>`;
}

const escapePage = `<!doctype html><html><head><meta charset="utf-8"><title>escape</title></head>
<body><p id="ready">escape page</p></body></html>`;

/** Starts the hostile service on 127.0.0.1, port 0. It does not check signatures: it only attacks. */
export async function startHostileService(): Promise<HostileService> {
  const calls: string[] = [];
  let base = '';
  // The name last typed into the recipient search, echoed back as a recipient.
  let echoName = 'echo';
  const service: HostileService = {
    url: '',
    content: null,
    calls,
    close: async () => {},
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    calls.push(`${method} ${path}`);
    const c = service.content;
    if (!c) {
      res.writeHead(503).end();
      return;
    }
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-hostile': c.replyHeader, ...headers });
      res.end(JSON.stringify(payload));
    };
    const html = (text: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-hostile': c.replyHeader });
      res.end(text);
    };

    if (path === '/iframe/page') return html(framePage(c.framePosts));
    if (path === '/iframe/escape') return html(escapePage);
    if (path === '/card/legacy') return send(200, c.legacyCard);
    if (path === '/card/sections') return send(200, c.sectionsCard);
    if (path === '/card/bad-type') return send(200, c.badTypeCard);
    if (path === '/card/outside') return send(200, c.outsideCard);
    if (path === '/card/frames') return send(200, c.framesCard);
    if (path === '/card/converter') return send(200, c.converterCard);
    if (path === '/card/redirect') return send(302, {}, { location: c.redirectLocation });
    if (path === '/card/html') return html(c.htmlBody);
    if (path === '/hooks/ok') return send(200, { message: c.hookOk });
    if (path === '/hooks/fail') return send(500, { message: c.hookFail });
    if (path === '/numbers') return send(200, { phoneNumbers: c.phoneNumbers });
    if (path === '/numbers-bad') return send(200, c.badNumbers);

    const share = /^\/(share|share-denied)\/feature\/SHARE_VIA\/event\/([A-Z_]+)$/.exec(path);
    if (share && method === 'POST') {
      const event = share[2] ?? '';
      const request = JSON.parse(body) as {
        portalId: number;
        appId: number;
        payload: Record<string, unknown>;
      };
      const reply = (payload: unknown) =>
        send(200, { portalId: request.portalId, appId: request.appId, eventType: event, payload });
      if (share[1] === 'share-denied') return send(500, { message: c.hookFail });
      if (event === 'CHECK_PERMISSIONS') return reply({ hasAllRequiredPermissions: true });
      if (event === 'FETCH_RECIPIENTS') {
        const filter = (request.payload.recipientsFilter ?? {}) as { name?: string };
        // Echo what the user typed back as a recipient, so the typed text is shown by the service too.
        if (filter.name) echoName = filter.name;
        const results = filter.name ? [{ id: 'ECHO', name: filter.name, type: 1 }] : c.recipients;
        const limit = typeof request.payload.limit === 'number' ? request.payload.limit : 10;
        const offset = Number(request.payload.nextPageAfter ?? 0) || 0;
        const page = results.slice(offset, offset + limit);
        const next =
          offset + page.length < results.length ? { nextPageAfter: String(offset + page.length) } : {};
        return reply({ recipients: { total: results.length, results: page, ...next } });
      }
      if (event === 'FETCH_RECIPIENT') {
        const id = request.payload.id;
        const found =
          id === 'ECHO' ? { id: 'ECHO', name: echoName, type: 1 } : c.recipients.find((r) => r.id === id);
        return found ? reply({ recipient: found }) : send(404, { message: c.hookFail });
      }
      if (event === 'SHARE_OBJECT') return reply({ recipientUrl: c.recipientUrl });
    }
    send(404, { message: c.hookFail });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.url = base;
  service.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return service;
}
