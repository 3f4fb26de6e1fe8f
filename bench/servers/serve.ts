// Child-process entry: `serve.ts <kind>[,<kind>…]` starts each server on 127.0.0.1, port 0, sends
// `{ ports: { <kind>: port } }` over IPC, answers `cpu` with `{ cpuMicros }` (user + system time so
// far), and exits cleanly on `close` (so a --cpu-prof profile gets written).
import type { BenchServer } from './bench-server.ts';

type Starter = () => Promise<BenchServer>;

const starters: Record<string, Starter> = {
  node: async () => (await import('./bare-node-server.ts')).startBareNodeServer(),
  hono: async () => (await import('./hono-server.ts')).startHonoServer(),
  fastify: async () => (await import('./fastify-server.ts')).startFastifyServer(),
  express: async () => (await import('./express-server.ts')).startExpressServer(),
  'spoke-node': async () => (await import('./spoke-node-server.ts')).startSpokeNodeServer(),
  'spoke-express': async () => (await import('./spoke-express-server.ts')).startSpokeExpressServer(),
  'spoke-fastify': async () => (await import('./spoke-fastify-server.ts')).startSpokeFastifyServer(),
  'spoke-fetch': async () => (await import('./spoke-fetch-server.ts')).startSpokeFetchServer(),
  'card-services': async () => (await import('./card-services-server.ts')).startCardServicesServer(),
};

async function main(): Promise<void> {
  const kinds = (process.argv[2] ?? '').split(',');
  const servers = new Map<string, BenchServer>();
  for (const kind of kinds) {
    const start = starters[kind];
    if (start === undefined) throw new Error(`[bench] unknown server kind ${JSON.stringify(kind)}`);
    servers.set(kind, await start());
  }
  const stop = async () => {
    const timer = setTimeout(() => process.exit(0), 2_000);
    await Promise.all([...servers.values()].map((server) => server.close().catch(() => undefined)));
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'close') void stop();
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
  });
  process.once('disconnect', () => void stop());
  const ports = Object.fromEntries([...servers].map(([kind, server]) => [kind, server.port]));
  process.send?.({ ports });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
