import { createServer } from 'node:http';
import { type BenchServer, listenOnLoopback } from './bench-server.ts';
import { handCardReply } from './hand-card-reply.ts';

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

/** Baseline (a): bare `node:http`, verification and JSON by hand. */
export function startBareNodeServer(): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const reply = handCardReply(req.method ?? 'GET', url, header);
    res.writeHead(reply.status, { ...jsonHeaders, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  });
  return listenOnLoopback(server);
}
