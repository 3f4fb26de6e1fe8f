import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@spoke/protocol';
import { brokenCard, issuesCard, unsafeCard } from './card-replies.ts';
import { iframePage } from './iframe-page.ts';
import { phoneNumbers, recipients } from './service-data.ts';

/** What the service saw, so tests can assert on the wire and not only on the screen. */
export interface ServiceLog {
  /** `METHOD path` of every verified request, in order. */
  calls: string[];
  /** Requests whose signature did not verify (they got 401). */
  rejected: string[];
  /** SHARE_OBJECT payloads received. */
  shares: unknown[];
}

/** A bare node:http service for the browser tests: cards, action hooks, Share Via and numbers. */
export interface TestService {
  url: string;
  log: ServiceLog;
  /** The issue's state, changed by the IFRAME page and the action hooks. */
  state: { issueState: 'Open' | 'In progress' | 'Closed'; deleted: number };
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

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function shareReply(event: string, request: { portalId: number; appId: number }, payload: unknown) {
  return { portalId: request.portalId, appId: request.appId, eventType: event, payload };
}

/**
 * Starts the service on 127.0.0.1, port 0. Every request except the IFRAME page is checked with
 * `verifySignature` against `secret`, as a real integration would.
 */
export async function startTestService(secret: string): Promise<TestService> {
  const log: ServiceLog = { calls: [], rejected: [], shares: [] };
  const state: TestService['state'] = { issueState: 'Open', deleted: 0 };
  let base = '';

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    // The IFRAME page is opened by the browser, not signed by the platform. docs/protocol.md §2.4.
    if (path === '/iframe/edit') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(iframePage);
      return;
    }
    if (path === '/iframe/save' && method === 'POST') {
      state.issueState = 'In progress';
      json(res, 200, { ok: true });
      return;
    }

    const verified = verifySignature({
      secret,
      method,
      url: `${base}${req.url ?? '/'}`,
      body,
      headers: req.headers,
    });
    if (!verified.ok) {
      log.rejected.push(`${method} ${path}: ${verified.code}`);
      json(res, 401, { code: verified.code, message: verified.message });
      return;
    }
    log.calls.push(`${method} ${path}`);

    if (path === '/card/issues') return json(res, 200, issuesCard(base, state.issueState));
    if (path === '/card/broken') return json(res, 200, brokenCard());
    if (path === '/card/unsafe') return json(res, 200, unsafeCard(base));
    if (path === '/hooks/close') {
      state.issueState = 'Closed';
      return json(res, 200, { message: 'Issue API-22 closed' });
    }
    if (path === '/hooks/delete') {
      state.deleted += 1;
      return json(res, 200, { message: 'Issue API-22 deleted' });
    }
    if (path === '/hooks/fail') return json(res, 500, { message: 'Tracker is read-only today' });
    if (path === '/numbers') return json(res, 200, { phoneNumbers });

    const share = /^\/(share|share-denied)\/feature\/SHARE_VIA\/event\/([A-Z_]+)$/.exec(path);
    if (share && method === 'POST') {
      const denied = share[1] === 'share-denied';
      const event = share[2] ?? '';
      const request = JSON.parse(body) as {
        portalId: number;
        appId: number;
        payload: Record<string, unknown>;
      };
      const payload = request.payload;
      if (event === 'CHECK_PERMISSIONS') {
        return json(res, 200, shareReply(event, request, { hasAllRequiredPermissions: !denied }));
      }
      if (event === 'FETCH_RECIPIENTS') {
        const filter = (payload.recipientsFilter ?? {}) as { name?: string; type?: number };
        const limit = typeof payload.limit === 'number' ? payload.limit : 10;
        const offset =
          typeof payload.nextPageAfter === 'string' ? Number(payload.nextPageAfter.replace('after-', '')) : 0;
        const matching = recipients.filter(
          (r) =>
            (filter.name === undefined || r.name.toLowerCase().includes(filter.name.toLowerCase())) &&
            (filter.type === undefined || r.type === filter.type),
        );
        const page = matching.slice(offset, offset + limit);
        const next =
          offset + page.length < matching.length ? { nextPageAfter: `after-${offset + page.length}` } : {};
        return json(
          res,
          200,
          shareReply(event, request, { recipients: { total: matching.length, results: page, ...next } }),
        );
      }
      if (event === 'FETCH_RECIPIENT') {
        const found = recipients.find((r) => r.id === payload.id);
        return found
          ? json(res, 200, shareReply(event, request, { recipient: found }))
          : json(res, 404, { message: 'no such recipient' });
      }
      if (event === 'SHARE_OBJECT') {
        log.shares.push(payload);
        const recipient = payload.recipient as { id: string };
        return json(
          res,
          200,
          shareReply(event, request, { recipientUrl: `https://chat.example.com/messages/${recipient.id}` }),
        );
      }
    }
    json(res, 404, { message: `no route ${method} ${path}` });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    log,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
