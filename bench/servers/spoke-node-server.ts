import { serve } from '@spoke/framework/node';
import { type BenchServer, fromListening } from './bench-server.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/** The service served by `@spoke/framework/node`. */
export async function startSpokeNodeServer(): Promise<BenchServer> {
  const running = await serve(createSpokeCardApp(), { port: 0, host: '127.0.0.1' });
  return { port: fromListening(running.server).port, close: running.close };
}
