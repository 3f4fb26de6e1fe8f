import { type BenchServer, fromListening } from './bench-server.ts';
import { frameworkModules } from './framework-modules.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/** The service served by `@spoke/framework/node` (compiled, see `framework-modules.ts`). */
export async function startSpokeNodeServer(): Promise<BenchServer> {
  const { index, node } = await frameworkModules();
  const running = await node.serve(createSpokeCardApp(index.createApp), { port: 0, host: '127.0.0.1' });
  return { port: fromListening(running.server).port, close: running.close };
}
