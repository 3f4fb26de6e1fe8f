// Port checks for `npm start`: is a port free on 127.0.0.1, and when it is not, who holds it.
import { createServer } from 'node:net';

export const host = '127.0.0.1';

/** `null` when `port` can be listened on at 127.0.0.1 (tried and closed again), else why not. */
export function portProblem(port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => done(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(null)));
  });
}

async function answer(url: string): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1500), redirect: 'manual' });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  } catch {
    return null;
  }
}

/**
 * Who holds `port`, in words, from read-only GETs: "another Spoke emulator (data: …)", "a Spoke
 * service or another `npm start`'s bug tracker", "an HTTP server…", or "a process that does not
 * answer HTTP".
 */
export async function describeHolder(port: number): Promise<string> {
  const base = `http://${host}:${port}`;
  const health = await answer(`${base}/_spoke/health`);
  if (health === null) return 'a process that does not answer HTTP';
  const info = await answer(`${base}/_spoke/info`);
  const isEmulator = (value: unknown) =>
    typeof value === 'object' && value !== null && ('ok' in value || 'store' in value);
  if ((health.status === 200 && isEmulator(health.body)) || (info?.status === 200 && isEmulator(info.body))) {
    const store = (info?.body as { store?: unknown } | undefined)?.store;
    return `another Spoke emulator${typeof store === 'string' ? ` (its data: ${store.replace(/^file:/, '')})` : ''}`;
  }
  const trackerHealth = await answer(`${base}/health`);
  if (trackerHealth?.status === 200)
    return 'an HTTP server whose /health answers 200 (perhaps the bug tracker of another `npm start`)';
  return `an HTTP server that is not a Spoke emulator (GET /_spoke/health answered ${health.status})`;
}

/** The first pair of ports at +10, +20, … that are both free (and differ), for the message's fix. */
export async function suggestPorts(spokePort: number, examplePort: number): Promise<[number, number]> {
  for (let step = 10; step <= 200; step += 10) {
    const pair: [number, number] = [spokePort + step, examplePort + step];
    if (pair[0] === pair[1] || pair.some((port) => port > 65_535)) continue;
    if ((await portProblem(pair[0])) === null && (await portProblem(pair[1])) === null) return pair;
  }
  return [3410, 3510];
}
