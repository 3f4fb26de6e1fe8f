import {
  callingSettingsSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
  limits,
} from '@spoke/protocol';
import { z } from 'zod';
import type { Exchange } from '../dispatch/exchange.ts';
import { allowedSchedulesText, isAllowedSchedule, nextRunOf } from '../flows/share-scheduler.ts';
import { apiCallSchema, type LoggedRequest } from './api-call.ts';
import {
  appSchema,
  type CrmRecord,
  connectedNumberSchema,
  crmRecordSchema,
  emulatorSettingsSchema,
  faultSchema,
  type Install,
  installSchema,
  oauthTokenSchema,
  portalSchema,
  shareSchema,
  shareSendSchema,
  userSchema,
} from './entities.ts';
import { recordPropertiesProblem } from './record-defaults.ts';

/** The fields a logged exchange must have to be imported; the rest is kept as it is. */
export const exchangeDocSchema = z.looseObject({
  id: z.string().min(1),
  direction: z.literal('outbound').optional(),
  kind: z.string().min(1),
  appId: z.number().int(),
  correlationId: z.string(),
  startedAt: z.number(),
  request: z.looseObject({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
  outcome: z.enum(['ok', 'error']),
  verdicts: z.array(z.unknown()),
});

/** Checks a stored or imported exchange; the dispatcher's `Exchange` interface is the contract. */
export function decodeExchange(value: unknown): Exchange {
  // The loose schema checks what the emulator reads; Exchange itself is owned by src/dispatch.
  return exchangeDocSchema.parse(value) as unknown as Exchange;
}

/** An entry of the request log as stored or imported: an exchange, or an app's API call (`direction: 'inbound'`). */
export const loggedRequestDocSchema = z.discriminatedUnion('direction', [apiCallSchema, exchangeDocSchema]);

/** Checks a stored or imported request-log entry. */
export function decodeLoggedRequest(value: unknown): LoggedRequest {
  return loggedRequestDocSchema.parse(value) as LoggedRequest;
}

const appIdSchema = z.number().int().positive();

/** The id counters a state file may carry (`Store.nextId`); each names the rows it hands ids to. */
export const sequenceNames = ['card', 'record', 'app', 'portal', 'user'] as const;

/** An app as exported: without `?includeSecrets=true` its client secrets and developer API key are left out. */
export const exportedAppSchema = appSchema.extend({
  clientSecrets: appSchema.shape.clientSecrets.optional(),
  developerApiKey: appSchema.shape.developerApiKey.optional(),
});
export type ExportedApp = z.infer<typeof exportedAppSchema>;

/** The whole emulator state as one JSON document (`GET`/`PUT /_spoke/state`), checked row by row only. */
export const emulatorStateShapeSchema = z.object({
  format: z.literal('spoke-emulator-state'),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  /**
   * `omitted` when the export left out every app's client secrets and developer API key (the
   * default of `GET /_spoke/state`); an import then keeps the secrets of apps that exist.
   * A file without the field is read as `included` (every app must carry its secrets).
   */
  secrets: z.enum(['included', 'omitted']).default('included'),
  settings: emulatorSettingsSchema.nullable(),
  portals: z.array(portalSchema),
  users: z.array(userSchema),
  apps: z.array(exportedAppSchema),
  cards: z.array(z.object({ appId: appIdSchema, card: cardDefinitionSchema })),
  callingSettings: z.array(z.object({ appId: appIdSchema, settings: callingSettingsSchema })),
  channelConnectionSettings: z.array(
    z.object({ appId: appIdSchema, settings: channelConnectionSettingsSchema }),
  ),
  /** A record without `portalId` (a file written before records had portals) belongs to the first portal. */
  records: z.array(crmRecordSchema.extend({ portalId: crmRecordSchema.shape.portalId.optional() })),
  /** The request log: exchanges, and the apps' API calls (`direction: 'inbound'`; absent from older files). */
  exchanges: z.array(loggedRequestDocSchema).transform((list) => list as LoggedRequest[]),
  shares: z.array(shareSchema),
  shareSends: z.array(shareSendSchema),
  connectedNumbers: z.array(connectedNumberSchema),
  faults: z.array(faultSchema),
  /** Absent (a file written before installs): every app installed in the first portal. Decision 0013. */
  installs: z.array(installSchema).optional(),
  /** OAuth access and refresh tokens; left out of an export without secrets. */
  oauthTokens: z.array(oauthTokenSchema).default([]),
  sequences: z.record(z.string(), z.number().int()),
});

type StateShape = z.output<typeof emulatorStateShapeSchema>;
type Issue = { path: (string | number)[]; message: string };

/** A numeric id kept as a string (records, cards): digits, at most 2^53 - 1. */
function numericIdIssue(id: string): string | null {
  if (!/^\d+$/.test(id)) return `id "${id}" is not a number; ids are digits`;
  if (!Number.isSafeInteger(Number(id)) || Number(id) < 1) return `id ${id} is out of range (1 to 2^53 - 1)`;
  return null;
}

/**
 * Everything an import needs beyond each row's own shape, so a file the store accepts also starts:
 * ids unique per table, every reference to an app, portal or share present, each share's cron a
 * pattern the scheduler (croner) arms, secrets present unless the file says they were left out,
 * sequences known and not negative. Each issue names the row and the field.
 */
export function stateIssues(state: StateShape): Issue[] {
  const issues: Issue[] = [];
  const unique = <T>(table: string, rows: readonly T[], idOf: (row: T) => string | number, field = 'id') => {
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      const id = String(idOf(row));
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        issues.push({
          path: [table, index, ...field.split('.')],
          message: `duplicate id ${id} (also ${table}.${first})`,
        });
    });
    return new Set(seen.keys());
  };
  const portalIds = unique('portals', state.portals, (p) => p.id);
  unique('users', state.users, (u) => u.id);
  const appIds = unique('apps', state.apps, (a) => a.id);
  unique('cards', state.cards, (c) => c.card.id, 'card.id');
  unique('callingSettings', state.callingSettings, (s) => s.appId, 'appId');
  unique('channelConnectionSettings', state.channelConnectionSettings, (s) => s.appId, 'appId');
  unique('records', state.records, (r) => r.id);
  unique('exchanges', state.exchanges, (e) => e.id);
  const shareIds = unique('shares', state.shares, (s) => s.id);
  unique('shareSends', state.shareSends, (s) => s.id);
  unique('connectedNumbers', state.connectedNumbers, (n) => n.id);
  unique('faults', state.faults, (f) => f.id);

  const ref = (
    ids: Set<string>,
    what: string,
    table: string,
    index: number,
    field: string,
    value: unknown,
  ) => {
    if (!ids.has(String(value))) {
      issues.push({
        path: [table, index, ...field.split('.')],
        message: `no ${what} ${String(value)} in this file`,
      });
    }
  };
  for (const [i, u] of state.users.entries()) ref(portalIds, 'portal', 'users', i, 'portalId', u.portalId);
  state.apps.forEach((a, i) => {
    if (state.secrets === 'omitted') return;
    if (a.clientSecrets === undefined)
      issues.push({
        path: ['apps', i, 'clientSecrets'],
        message: 'required (the file says secrets are included)',
      });
    if (a.developerApiKey === undefined)
      issues.push({
        path: ['apps', i, 'developerApiKey'],
        message: 'required (the file says secrets are included)',
      });
  });
  const cardsPerApp = new Map<number, number>();
  state.cards.forEach((c, i) => {
    ref(appIds, 'app', 'cards', i, 'appId', c.appId);
    const idIssue = numericIdIssue(c.card.id);
    if (idIssue) issues.push({ path: ['cards', i, 'card', 'id'], message: idIssue });
    const n = (cardsPerApp.get(c.appId) ?? 0) + 1;
    cardsPerApp.set(c.appId, n);
    if (n === limits.maxCardsPerApp + 1) {
      issues.push({
        path: ['cards', i, 'appId'],
        message: `app ${c.appId} has more than ${limits.maxCardsPerApp} cards`,
      });
    }
  });
  for (const [i, s] of state.callingSettings.entries())
    ref(appIds, 'app', 'callingSettings', i, 'appId', s.appId);
  for (const [i, s] of state.channelConnectionSettings.entries()) {
    ref(appIds, 'app', 'channelConnectionSettings', i, 'appId', s.appId);
  }
  state.records.forEach((r, i) => {
    const idIssue = numericIdIssue(r.id);
    if (idIssue) issues.push({ path: ['records', i, 'id'], message: idIssue });
    if (r.portalId !== undefined) ref(portalIds, 'portal', 'records', i, 'portalId', r.portalId);
    else if (state.portals.length === 0)
      issues.push({ path: ['records', i, 'portalId'], message: 'required when the file has no portal' });
    const problem = recordPropertiesProblem(r.properties, r.id);
    if (problem)
      issues.push({ path: ['records', i, 'properties', problem.property], message: problem.message });
  });
  state.shares.forEach((s, i) => {
    ref(appIds, 'app', 'shares', i, 'appId', s.appId);
    ref(portalIds, 'portal', 'shares', i, 'portalId', s.portalId);
    if (s.cron !== null) {
      try {
        nextRunOf(s.cron);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        issues.push({
          path: ['shares', i, 'cron'],
          message: `"${s.cron}" is not a cron pattern the scheduler can arm: ${reason}`,
        });
        return;
      }
    }
    // Only HubSpot's frequencies are ever armed (flows/share-scheduler.ts).
    if (!isAllowedSchedule(s.frequency, s.cron)) {
      issues.push({
        path: ['shares', i, 'cron'],
        message: `schedule ${s.cron === null ? 'none' : JSON.stringify(s.cron)} is not one HubSpot offers for frequency "${s.frequency}"; the frequencies are ${allowedSchedulesText}`,
      });
    }
  });
  for (const [i, s] of state.shareSends.entries())
    ref(shareIds, 'share', 'shareSends', i, 'shareId', s.shareId);
  state.connectedNumbers.forEach((n, i) => {
    ref(appIds, 'app', 'connectedNumbers', i, 'appId', n.appId);
    ref(portalIds, 'portal', 'connectedNumbers', i, 'portalId', n.portalId);
  });
  state.faults.forEach((f, i) => {
    if (f.appId !== null) ref(appIds, 'app', 'faults', i, 'appId', f.appId);
  });
  unique('installs', state.installs ?? [], (s) => `${s.appId}:${s.portalId}`, 'portalId');
  (state.installs ?? []).forEach((s, i) => {
    ref(appIds, 'app', 'installs', i, 'appId', s.appId);
    ref(portalIds, 'portal', 'installs', i, 'portalId', s.portalId);
  });
  unique('oauthTokens', state.oauthTokens, (t) => t.token, 'token');
  state.oauthTokens.forEach((t, i) => {
    ref(appIds, 'app', 'oauthTokens', i, 'appId', t.appId);
    ref(portalIds, 'portal', 'oauthTokens', i, 'portalId', t.portalId);
  });
  for (const [name, value] of Object.entries(state.sequences)) {
    if (!(sequenceNames as readonly string[]).includes(name)) {
      issues.push({
        path: ['sequences', name],
        message: `unknown sequence; known: ${sequenceNames.join(', ')}`,
      });
    } else if (value < 0) {
      issues.push({ path: ['sequences', name], message: 'must not be negative' });
    }
  }
  return issues;
}

/**
 * The whole emulator state as one JSON document (`GET`/`PUT /_spoke/state`): each row's shape,
 * then {@link stateIssues}. An import parses with this before it writes anything.
 */
export const emulatorStateSchema = emulatorStateShapeSchema
  .superRefine((state, ctx) => {
    for (const issue of stateIssues(state))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .transform((state) => ({
    ...state,
    installs: state.installs ?? installsOfOlderFile(state),
    records: state.records.map(
      (r): CrmRecord => ({ ...r, portalId: r.portalId ?? state.portals[0]?.id ?? 0 }),
    ),
  }));

/** The installs of a state file written before installs existed: every app in the first portal. */
function installsOfOlderFile(state: StateShape): Install[] {
  const portal = state.portals[0];
  if (!portal) return [];
  return state.apps.map((app) => ({
    appId: app.id,
    portalId: portal.id,
    scopes: app.scopes,
    userId: null,
    installedAt: app.createdAt,
    updatedAt: app.createdAt,
  }));
}
export type EmulatorState = z.output<typeof emulatorStateSchema>;
