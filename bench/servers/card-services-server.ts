import { createServer } from 'node:http';
import { buildCardReply } from '../../tests/helpers/card-fixture.ts';
import { type BenchServer, listenOnLoopback } from './bench-server.ts';

const reply = JSON.stringify(buildCardReply(53701, 'jane.doe@example.com'));
const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(reply),
};

/**
 * Card services for the emulator benchmarks: `GET /card/<ms>` answers the five-item reply after
 * `<ms>` milliseconds (0–5000), so one server plays 25 cards of different speeds.
 */
export function startCardServicesServer(): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const match = /^\/card\/(\d{1,4})(?:\?|$)/.exec(req.url ?? '');
    const delay = match === null ? Number.NaN : Number(match[1]);
    if (!(delay >= 0 && delay <= 5_000)) {
      res.writeHead(404).end();
      return;
    }
    const answer = () => res.writeHead(200, jsonHeaders).end(reply);
    if (delay === 0) answer();
    else setTimeout(answer, delay);
  });
  return listenOnLoopback(server);
}
