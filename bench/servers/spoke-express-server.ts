import type { Server } from 'node:http';
import express from 'express';
import { type BenchServer, fromListening } from './bench-server.ts';
import { frameworkModules } from './framework-modules.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/** The service mounted in Express through `@spoke/framework/express` (compiled, see `framework-modules.ts`). */
export async function startSpokeExpressServer(): Promise<BenchServer> {
  const { index, express: adapter } = await frameworkModules();
  const app = express();
  app.use(adapter.spokeExpress(createSpokeCardApp(index.createApp)));
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(fromListening(server));
    });
  });
}
