import {
  type App,
  type CrmRecord,
  crmObjectTypeSchema,
  type Install,
  type Portal,
  type User,
} from './entities.ts';
import { seedRecords } from './seed-records.ts';
import type { Store } from './store.ts';

/** What a fresh store is seeded with; every field can be overridden (CLI flags do). */
export interface SeedOptions {
  /** @default 62515 */
  portalId?: number;
  /** @default 1000 */
  appId?: number;
  /** @default 'Spoke Dev App' */
  appName?: string;
  /** @default a random uuid */
  clientSecret?: string;
  /** @default a random uuid */
  developerApiKey?: string;
  /** @default 1 */
  userId?: number;
  /** @default 'dev@spoke.local' */
  userEmail?: string;
  /** Add the realistic CRM records. @default true */
  records?: boolean;
}

/** Every CRM object scope, read and write: what the seeded app holds. */
export const allObjectScopes: readonly string[] = crmObjectTypeSchema.options.flatMap((type) => [
  `crm.objects.${type}.read`,
  `crm.objects.${type}.write`,
]);

/** The app a seed describes: every object scope, the given (or random) secret and key. */
export function seedApp(options: SeedOptions & { now: string; randomUUID: () => string }): App {
  return {
    id: options.appId ?? 1000,
    name: options.appName ?? 'Spoke Dev App',
    clientSecrets: [options.clientSecret ?? options.randomUUID()],
    developerApiKey: options.developerApiKey ?? options.randomUUID(),
    scopes: [...allObjectScopes],
    shareViaTargetUrl: null,
    shareViaShape: 'current',
    createdAt: options.now,
    updatedAt: options.now,
  };
}

/** The install of an app in the dev portal, with every scope of the app: how new apps start. Decision 0013. */
export function devInstall(app: App, portalId: number): Install {
  return {
    appId: app.id,
    portalId,
    scopes: [...app.scopes],
    userId: null,
    installedAt: app.createdAt,
    updatedAt: app.createdAt,
  };
}

/** What `seedStore` wrote, for the CLI to print. */
export interface SeedResult {
  portal: Portal;
  user: User;
  app: App;
  records: number;
}

/**
 * Seeds one portal, one user, one app with every object scope and a realistic set of CRM
 * records, in one transaction. Call it on an empty store only.
 */
export async function seedStore(
  store: Store,
  options: SeedOptions & { now: string; randomUUID: () => string },
): Promise<SeedResult> {
  const { now } = options;
  const portal: Portal = { id: options.portalId ?? 62515, name: 'Spoke Test Portal', domain: 'spoke.local' };
  const user: User = {
    id: options.userId ?? 1,
    portalId: portal.id,
    email: options.userEmail ?? 'dev@spoke.local',
    firstName: 'Dev',
    lastName: 'User',
  };
  const app = seedApp(options);
  const writes = [
    store.portals.putWrite(portal.id, portal),
    store.users.putWrite(user.id, user, user.portalId),
    store.apps.putWrite(app.id, app),
    store.installs.putWrite(`${app.id}:${portal.id}`, devInstall(app, portal.id), app.id),
  ];
  let count = 0;
  if (options.records ?? true) {
    const total = crmObjectTypeSchema.options.reduce((n, type) => n + seedRecords[type].length, 0);
    const first = await store.nextId('record', 101, total);
    for (const objectType of crmObjectTypeSchema.options) {
      for (const properties of seedRecords[objectType]) {
        const id = String(first + count);
        const record: CrmRecord = {
          id,
          objectType,
          portalId: portal.id,
          properties: { ...properties },
          createdAt: now,
          updatedAt: now,
        };
        writes.push(store.records.putWrite(id, record, objectType));
        count++;
      }
    }
  }
  await store.write(writes);
  return { portal, user, app, records: count };
}
