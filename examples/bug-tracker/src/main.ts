import { createConsoleLogger } from '@spoke/framework';
import { createBugTracker } from './create-bug-tracker.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { BugTrackerError } from './errors.ts';
import { openTrackerStore } from './open-tracker-store.ts';
import { readTrackerEnv } from './read-tracker-env.ts';
import { serveTracker } from './serve-tracker.ts';

// The service's entry point: environment → database (migrated) → tracker → HTTP, stopped by SIGINT/SIGTERM.
async function main(): Promise<void> {
  const env = readTrackerEnv(process.env);
  const logger = createConsoleLogger();
  const { store, db, applied } = await openTrackerStore({
    databaseUrl: env.databaseUrl,
    sqliteFile: env.sqliteFile,
  });
  if (applied.length > 0)
    logger.info(`[bug-tracker] ${db.description}: applied migrations ${applied.join(', ')}`);
  if (env.demo) {
    const seeded = await seedDemo(store, { records: env.demo.records });
    logger.info(
      `[bug-tracker] demo data: ${seeded.team ? 'team written, ' : ''}${seeded.issues} issues filed`,
    );
  }
  const tracker = createBugTracker({
    store,
    clientSecrets: env.clientSecrets,
    publicUrl: env.publicUrl,
    trustProxy: env.trustProxy,
    logger,
    hubspot: env.hubspot ?? undefined,
  });
  const running = await serveTracker(tracker.fetch, { port: env.port, host: env.host, logger });
  logger.info(`[bug-tracker] listening on ${running.url} (${db.description})`);
  logger.info(
    env.hubspot
      ? `[bug-tracker] install in HubSpot: ${env.publicUrl ?? running.url}/oauth/install (consent at ${env.hubspot.appUrl}, API ${env.hubspot.apiUrl})`
      : '[bug-tracker] HUBSPOT_CLIENT_ID is not set: /oauth/install is off and nothing is written back to HubSpot',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`[bug-tracker] ${signal}: stopping`);
    running
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('[bug-tracker] could not stop cleanly', { error });
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof BugTrackerError ? error.message : error);
  process.exit(1);
});
