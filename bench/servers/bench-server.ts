import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server started by `serve.ts`: its port and how to stop it. */
export interface BenchServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0, and wraps the node server as a {@link BenchServer}. */
export function listenOnLoopback(server: Server): Promise<BenchServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(fromListening(server));
    });
  });
}

/** Wraps a node server that is already listening. */
export function fromListening(server: Server): BenchServer {
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
