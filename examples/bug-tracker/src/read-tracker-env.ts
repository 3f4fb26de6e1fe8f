import type { RecordRef } from './domain/issue.ts';
import { BugTrackerError } from './errors.ts';

/** The tracker's settings, read from the environment (no env file: the platform or `npm start` sets them). */
export interface TrackerEnv {
  /** `HUBSPOT_CLIENT_SECRET`, comma-separated while rotating (newest first). */
  readonly clientSecrets: readonly string[];
  /** `PUBLIC_URL`: the https origin HubSpot calls, e.g. https://tracker.example.com. */
  readonly publicUrl: string | undefined;
  /** `TRUST_PROXY=true`: take scheme and host from X-Forwarded-* (only behind your own proxy). */
  readonly trustProxy: boolean;
  /** `DATABASE_URL` (postgres://…); unset = SQLite. */
  readonly databaseUrl: string | undefined;
  /** `SQLITE_FILE`. @default .spoke/bug-tracker.db */
  readonly sqliteFile: string;
  /** `PORT`. @default 3500 */
  readonly port: number;
  /** `HOST`. @default every interface */
  readonly host: string | undefined;
  /** `SEED_DEMO_DATA=true`: write the demo team and lines, and issues on `DEMO_RECORDS` (a JSON array). */
  readonly demo: { readonly records: readonly RecordRef[] } | null;
  /**
   * `HUBSPOT_CLIENT_ID` with `HUBSPOT_APP_URL` (default https://app.hubspot.com) and `HUBSPOT_API_URL`
   * (default https://api.hubapi.com): installs through OAuth and writes back. Null without a client id.
   */
  readonly hubspot: { readonly clientId: string; readonly appUrl: string; readonly apiUrl: string } | null;
}

function baseUrl(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!/^https?:\/\/[^/\s]+/.test(value) || !URL.canParse(value)) {
    throw invalid(
      `${name} must be an absolute http(s) URL such as ${fallback}; got ${JSON.stringify(value)}.`,
    );
  }
  return value.replace(/\/+$/, '');
}

function invalid(message: string): BugTrackerError {
  return new BugTrackerError('TRACKER_ENV_INVALID', message);
}

function flag(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw invalid(`${name} must be true or false; got ${JSON.stringify(env[name])}.`);
}

function demoRecords(text: string | undefined): RecordRef[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(
      'DEMO_RECORDS must be JSON: [{"portalId":62515,"objectType":"CONTACT","objectId":"101"}, …].',
    );
  }
  const records = Array.isArray(value) ? value : [];
  const valid = records.filter(
    (r): r is RecordRef =>
      typeof r === 'object' &&
      r !== null &&
      Number.isSafeInteger(r.portalId) &&
      typeof r.objectType === 'string' &&
      /^[A-Z_]+$/.test(r.objectType) &&
      typeof r.objectId === 'string' &&
      /^\d+$/.test(r.objectId),
  );
  if (!Array.isArray(value) || valid.length !== records.length) {
    throw invalid(
      'DEMO_RECORDS must be an array of {"portalId": number, "objectType": "CONTACT", "objectId": "101"}.',
    );
  }
  return valid.map(({ portalId, objectType, objectId }) => ({ portalId, objectType, objectId }));
}

/** Reads and checks the environment; a bad value throws TRACKER_ENV_INVALID naming the variable. */
export function readTrackerEnv(env: Readonly<Record<string, string | undefined>>): TrackerEnv {
  const clientSecrets = (env.HUBSPOT_CLIENT_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (clientSecrets.length === 0) {
    throw invalid(
      "HUBSPOT_CLIENT_SECRET is not set: set it to the app's client secret (HubSpot developer account → app → Auth; comma-separate two while rotating). `npm start` sets it to the emulator's app secret.",
    );
  }
  const portText = env.PORT ?? '3500';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535)
    throw invalid(`PORT must be a port number; got ${JSON.stringify(portText)}.`);
  const publicUrl = env.PUBLIC_URL?.trim() || undefined;
  if (publicUrl !== undefined && (!/^https?:\/\/[^/\s]+/.test(publicUrl) || !URL.canParse(publicUrl))) {
    throw invalid(
      `PUBLIC_URL must be an absolute http(s) URL such as https://tracker.example.com; got ${JSON.stringify(publicUrl)}.`,
    );
  }
  const seed = flag(env, 'SEED_DEMO_DATA');
  const clientId = env.HUBSPOT_CLIENT_ID?.trim() || undefined;
  const hubspot =
    clientId === undefined
      ? null
      : {
          clientId,
          appUrl: baseUrl(env, 'HUBSPOT_APP_URL', 'https://app.hubspot.com'),
          apiUrl: baseUrl(env, 'HUBSPOT_API_URL', 'https://api.hubapi.com'),
        };
  return {
    clientSecrets,
    publicUrl,
    trustProxy: flag(env, 'TRUST_PROXY'),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    sqliteFile: env.SQLITE_FILE?.trim() || '.spoke/bug-tracker.db',
    port,
    host: env.HOST?.trim() || undefined,
    demo: seed ? { records: demoRecords(env.DEMO_RECORDS) } : null,
    hubspot,
  };
}
