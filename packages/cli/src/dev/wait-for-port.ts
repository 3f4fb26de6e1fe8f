import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A TCP address the service is expected to listen on. */
export interface PortAddress {
  host: string;
  port: number;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/**
 * Where the service should listen, read from a card's `targetUrl`: only a loopback host, where a
 * listening socket means the service itself (a tunnel or remote host answers without it).
 */
export function localAddress(targetUrl: string | undefined): PortAddress | undefined {
  if (targetUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return undefined;
  }
  if (!loopbackHosts.has(url.hostname)) return undefined;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname === '0.0.0.0' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
  return { host, port };
}

function accepts(address: PortAddress): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(address);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}

/** Resolves true once `address` accepts a TCP connection; false when `signal` aborts or `timeoutMs` passes. */
export async function waitForPort(
  address: PortAddress,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted && Date.now() < deadline) {
    if (await accepts(address)) return !signal.aborted;
    await delay(100, undefined, { signal }).catch(() => undefined);
  }
  return false;
}
