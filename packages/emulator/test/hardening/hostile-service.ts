import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/** The four kinds of platform call a service answers, by the first path segment. */
export type Surface = 'card' | 'hook' | 'share' | 'numbers';

/** Every way the hostile service misbehaves (plus `good`, which answers a valid reply at once). */
export const behaviours = [
  'good',
  'huge-length',
  'huge-chunked',
  'endless',
  'huge-binary',
  'trickle-slow',
  'trickle-fast',
  'html',
  'html-502',
  'empty',
  'binary',
  'bad-utf8',
  'wrong-shape',
  'redirect-301-self',
  'redirect-302-self',
  'redirect-307-self',
  'redirect-other-host',
  'close-before-headers',
  'close-mid-body',
  'reset',
  'huge-headers',
  'hang-headers',
] as const;
export type Behaviour = (typeof behaviours)[number];

/** Bytes a huge reply offers: eight times the platform's cap. */
export const hugeReplyBytes = 8 * 1024 * 1024;
/** How long the slow trickle would take to finish (past the 5 s total deadline). */
export const slowTrickleMs = 8_000;
/** How long the fast trickle takes (inside the 5 s total deadline). */
export const fastTrickleMs = 1_000;

/** What one request to the hostile service led to. */
export interface HostileVisit {
  surface: Surface;
  behaviour: Behaviour;
  path: string;
  /** Body bytes the service wrote before it stopped or the caller hung up. */
  bytesWritten: number;
  /** The caller closed the connection before the service ended the reply. */
  closedByCaller: boolean;
}

export interface HostileService {
  /** `http://127.0.0.1:<port>` */
  url: string;
  visits: HostileVisit[];
  /** Requests that reached the service and are still open. */
  open(): number;
  close(): Promise<void>;
}

/** A reply each surface's platform call accepts, echoing the envelope a Share Via event needs. */
export function validReply(surface: Surface, requestBody: string, path: string): unknown {
  switch (surface) {
    case 'card':
      return { results: [{ objectId: 1, title: 'Issue 1' }], totalCount: 1 };
    case 'hook':
      return { message: 'done' };
    case 'share': {
      const body = JSON.parse(requestBody || '{}') as { portalId?: number; appId?: number };
      return {
        portalId: body.portalId,
        appId: body.appId,
        eventType: path.split('/').at(-1),
        payload: { hasAllRequiredPermissions: true },
      };
    }
    case 'numbers':
      return { phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Support line' }] };
  }
}

/** A JSON body that is the wrong shape for every surface (the hook only warns about `message`). */
const wrongShape = JSON.stringify({ results: 'nope', payload: 7, phoneNumbers: 'x', message: 42 });

/** Deterministic bytes (xorshift32), so the binary reply is the same on every run. */
function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function parsePath(path: string): { surface: Surface; behaviour: Behaviour } | null {
  const [surface, behaviour] = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (!['card', 'hook', 'share', 'numbers'].includes(surface ?? '')) return null;
  if (!(behaviours as readonly string[]).includes(behaviour ?? '')) return null;
  return { surface: surface as Surface, behaviour: behaviour as Behaviour };
}

/**
 * Writes `total` bytes of `fill` in 64 KiB chunks, waiting for `drain` (so the service itself
 * never buffers), until done or the caller hangs up.
 */
function pump(
  res: http.ServerResponse,
  visit: HostileVisit,
  total: number,
  end: boolean,
  chunk: Buffer = Buffer.alloc(64 * 1024, 'x'),
): void {
  const step = () => {
    while (!res.destroyed && visit.bytesWritten < total) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - visit.bytesWritten));
      visit.bytesWritten += piece.length;
      if (!res.write(piece)) {
        res.once('drain', step);
        return;
      }
    }
    if (end && !res.destroyed) res.end();
  };
  step();
}

/**
 * Sends `body` one byte at a time, spread over `durationMs`, stopping when the caller hangs up. It
 * keeps to the schedule by wall time (a late tick sends the bytes that are due), so a busy machine
 * does not stretch a trickle meant to finish inside the deadline.
 */
function trickle(res: http.ServerResponse, visit: HostileVisit, body: Buffer, durationMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.flushHeaders();
  const started = performance.now();
  const every = Math.max(1, Math.floor(durationMs / body.length));
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer);
      return;
    }
    const due = Math.min(
      body.length,
      Math.max(
        visit.bytesWritten + 1,
        Math.floor(((performance.now() - started) / durationMs) * body.length),
      ),
    );
    res.write(body.subarray(visit.bytesWritten, due));
    visit.bytesWritten = due;
    if (visit.bytesWritten >= body.length) {
      clearInterval(timer);
      res.end();
    }
  }, every);
  res.on('close', () => clearInterval(timer));
}

/**
 * A service on 127.0.0.1 built on bare `node:http` that misbehaves on purpose: `/{surface}/{behaviour}/…`
 * picks what it does (see {@link behaviours}). It records how many bytes it wrote and whether the
 * caller hung up first, to show that the platform stopped reading.
 * @param otherHost base URL of another service, the target of `redirect-other-host`
 */
export async function startHostileService(otherHost: string): Promise<HostileService> {
  const visits: HostileVisit[] = [];
  let pending = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const parsed = parsePath(path);
      if (!parsed) {
        res.writeHead(404).end();
        return;
      }
      const visit: HostileVisit = { ...parsed, path, bytesWritten: 0, closedByCaller: false };
      visits.push(visit);
      pending += 1;
      res.on('close', () => {
        pending -= 1;
        visit.closedByCaller = !res.writableFinished;
      });
      const requestBody = Buffer.concat(chunks).toString('utf8');
      const pathOnly = path.split('?')[0] ?? path;
      const valid = Buffer.from(JSON.stringify(validReply(parsed.surface, requestBody, pathOnly)));
      const send = (
        status: number,
        type: string,
        body: Buffer | string,
        extra: http.OutgoingHttpHeaders = {},
      ) => {
        const bytes = typeof body === 'string' ? Buffer.from(body) : body;
        visit.bytesWritten = bytes.length;
        res.writeHead(status, { 'content-type': type, 'content-length': bytes.length, ...extra });
        res.end(bytes);
      };
      switch (parsed.behaviour) {
        case 'good':
          return send(200, 'application/json', valid);
        case 'huge-length':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': hugeReplyBytes });
          return pump(res, visit, hugeReplyBytes, true);
        case 'huge-chunked':
          res.writeHead(200, { 'content-type': 'application/json' });
          return pump(res, visit, hugeReplyBytes, true);
        case 'endless':
          res.writeHead(200, { 'content-type': 'application/json' });
          return pump(res, visit, Number.POSITIVE_INFINITY, false);
        case 'huge-binary':
          // Bytes that are not UTF-8: each one decodes to U+FFFD in the recorded text.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          return pump(res, visit, hugeReplyBytes, true, seededBytes(64 * 1024, 7));
        case 'trickle-slow':
          return trickle(res, visit, valid, slowTrickleMs);
        case 'trickle-fast':
          return trickle(res, visit, valid, fastTrickleMs);
        case 'html':
          return send(200, 'text/html', '<!doctype html><html><body><h1>Welcome</h1></body></html>');
        case 'html-502':
          return send(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
        case 'empty':
          return send(200, 'application/json', '');
        case 'binary':
          return send(200, 'application/octet-stream', seededBytes(4096, 20260126));
        case 'bad-utf8':
          return send(200, 'application/json', Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]));
        case 'wrong-shape':
          return send(200, 'application/json', wrongShape);
        case 'redirect-301-self':
        case 'redirect-302-self':
        case 'redirect-307-self': {
          const status = Number(parsed.behaviour.split('-')[1]);
          return send(status, 'text/plain', '', { location: path });
        }
        case 'redirect-other-host':
          return send(302, 'text/plain', '', { location: `${otherHost}${pathOnly}` });
        case 'close-before-headers':
          req.socket.destroy();
          return;
        case 'close-mid-body':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
          res.write(valid.subarray(0, 10));
          visit.bytesWritten = 10;
          setTimeout(() => req.socket.destroy(), 20);
          return;
        case 'reset':
          req.socket.resetAndDestroy();
          return;
        case 'huge-headers':
          // Past the 16 KiB header limit of node:http's parser.
          return send(200, 'application/json', valid, { 'x-padding': 'p'.repeat(64 * 1024) });
        case 'hang-headers':
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    visits,
    open: () => pending,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (ECONNREFUSED): taken, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface UnacceptingService {
  url: string;
  close(): Promise<void>;
}

/**
 * A listener on 127.0.0.1 that never accepts: a child process listens with a backlog of 1 and then
 * blocks its event loop, and two connections fill the queue. Linux then drops further SYNs, so a
 * connect hangs as it would to an unreachable host, which is what the 3 s connect deadline is for.
 */
export async function startUnacceptingService(): Promise<UnacceptingService> {
  const script = `
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 20);
});`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const fillers: net.Socket[] = [];
  // Fill the accept queue until a connect no longer completes.
  for (let i = 0; i < 8; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
    if (!connected) break;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
