import {
  type CallingSettings,
  type CardDefinition,
  type ChannelConnectionSettings,
  callingSettingsSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
} from '@spoke/protocol';
import { clientIdOf } from './client-id.ts';
import type { CollectionEntry } from './collection.ts';
import { decodeLoggedRequest, type EmulatorState } from './emulator-state.ts';
import {
  type App,
  appSchema,
  type ConnectedNumber,
  type CrmRecord,
  connectedNumberSchema,
  crmRecordSchema,
  type EmulatorSettings,
  emulatorSettingsSchema,
  type Fault,
  faultSchema,
  type Install,
  installSchema,
  type OauthCode,
  type OauthToken,
  oauthCodeSchema,
  oauthTokenSchema,
  type Portal,
  portalSchema,
  type Share,
  type ShareSend,
  shareSchema,
  shareSendSchema,
  type User,
  userSchema,
} from './entities.ts';
import { withDefaultProperties } from './record-defaults.ts';

/** One document as a table holds it: its id, its value and its owner (app id, object type, share id…). */
export interface TableRow<T> {
  readonly id: string | number;
  readonly value: T;
  readonly scope?: string | number;
}

/** A state file as the store writes and reads it: apps with their secrets (an export may leave them out). */
export type StoredState = Omit<EmulatorState, 'apps'> & { apps: App[] };

/** The keys of a state file that hold one table's rows as a list. */
type StateListKey = {
  [K in keyof StoredState]-?: StoredState[K] extends readonly unknown[] ? K : never;
}[keyof StoredState];
type StateItem<K extends StateListKey> = StoredState[K][number];

/** How the store keeps one table of JSON documents (every table has the columns of `collectionTable`). */
export interface Table<Name extends string, T> {
  /** The SQLite table. */
  readonly name: Name;
  /** Checks a stored document; a row that does not decode is skipped and reported. */
  readonly decode: (value: unknown) => T;
  /** Kept decoded until a write to the table: the small tables every record open reads. */
  readonly cached: boolean;
  /** Its rows as a state file lists them (`GET /_spoke/state`), and back; absent for the settings document. */
  readonly state?: {
    readonly key: StateListKey;
    exported(entries: readonly CollectionEntry<T>[]): unknown[];
    imported(state: StoredState): TableRow<T>[];
  };
}

/** A table whose rows travel in the state file's list `state`, each as `toState` writes it. */
function table<Name extends string, T, K extends StateListKey>(spec: {
  name: Name;
  decode: (value: unknown) => T;
  cached?: boolean;
  state: K;
  toState: (entry: CollectionEntry<T>) => StateItem<K>;
  fromState: (item: StateItem<K>) => TableRow<T>;
}): Table<Name, T> {
  const { name, decode, cached = false, state: key, toState, fromState } = spec;
  return {
    name,
    decode,
    cached,
    state: {
      key,
      exported: (entries) => entries.map(toState),
      imported: (state) => (state[key] as readonly StateItem<K>[]).map(fromState),
    },
  };
}

/** The rows of a list of documents that carry their own id: the value as it is. */
const itself = <T>(entry: CollectionEntry<T>): T => entry.value;
/** App settings are one document per app, listed with its app id. */
const appSettings = <T>(entry: CollectionEntry<T>) => ({ appId: Number(entry.scope), settings: entry.value });

/**
 * Every table of the store, once: its name, decoder, cache and place in a state file. The store's
 * collections, its export, its import and the tables an import clears all come from this list, so a
 * new table is one entry here (and the migration that creates it, plus its key in the state schema).
 * Order is the state file's order and an import's write order (apps before what refers to them).
 */
export const tables = {
  settings: {
    name: 'settings',
    decode: (v: unknown): EmulatorSettings => emulatorSettingsSchema.parse(v),
    cached: true,
  } satisfies Table<'settings', EmulatorSettings>,
  portals: table({
    name: 'portals',
    decode: (v): Portal => portalSchema.parse(v),
    cached: true,
    state: 'portals',
    toState: itself,
    fromState: (p) => ({ id: p.id, value: p }),
  }),
  users: table({
    name: 'users',
    decode: (v): User => userSchema.parse(v),
    cached: true,
    state: 'users',
    toState: itself,
    fromState: (u) => ({ id: u.id, value: u, scope: u.portalId }),
  }),
  apps: table({
    name: 'apps',
    // Every app read carries its OAuth client id (derived from its id when it has none).
    decode: (v): App => {
      const app = appSchema.parse(v);
      // Parsed again so the key sits where the schema puts it, as in an app that was stored with one.
      return app.clientId ? app : appSchema.parse({ ...app, clientId: clientIdOf(app) });
    },
    cached: true,
    state: 'apps',
    toState: itself,
    fromState: (a) => ({ id: a.id, value: a }),
  }),
  cards: table({
    name: 'cards',
    decode: (v): CardDefinition => cardDefinitionSchema.parse(v),
    cached: true,
    state: 'cards',
    toState: (entry) => ({ appId: Number(entry.scope), card: entry.value }),
    fromState: (c) => ({ id: c.card.id, value: c.card, scope: c.appId }),
  }),
  callingSettings: table({
    name: 'calling_settings',
    decode: (v): CallingSettings => callingSettingsSchema.parse(v),
    cached: true,
    state: 'callingSettings',
    toState: appSettings,
    fromState: (s) => ({ id: s.appId, value: s.settings, scope: s.appId }),
  }),
  channelConnectionSettings: table({
    name: 'channel_connection_settings',
    decode: (v): ChannelConnectionSettings => channelConnectionSettingsSchema.parse(v),
    cached: true,
    state: 'channelConnectionSettings',
    toState: appSettings,
    fromState: (s) => ({ id: s.appId, value: s.settings, scope: s.appId }),
  }),
  // HubSpot's default properties (hs_object_id, createdate, last-modified) are made on every read.
  records: table({
    name: 'records',
    decode: (v): CrmRecord => withDefaultProperties(crmRecordSchema.parse(v)),
    state: 'records',
    toState: itself,
    fromState: (r) => ({ id: r.id, value: r, scope: r.objectType }),
  }),
  // The request log: exchanges and the apps' API calls (inbound), on one timeline.
  exchanges: table({
    name: 'exchanges',
    decode: decodeLoggedRequest,
    state: 'exchanges',
    toState: itself,
    fromState: (e) => ({ id: e.id, value: e, scope: e.appId ?? '' }),
  }),
  shares: table({
    name: 'shares',
    decode: (v): Share => shareSchema.parse(v),
    state: 'shares',
    toState: itself,
    fromState: (s) => ({ id: s.id, value: s, scope: s.appId }),
  }),
  shareSends: table({
    name: 'share_sends',
    decode: (v): ShareSend => shareSendSchema.parse(v),
    state: 'shareSends',
    toState: itself,
    fromState: (s) => ({ id: s.id, value: s, scope: s.shareId }),
  }),
  connectedNumbers: table({
    name: 'connected_numbers',
    decode: (v): ConnectedNumber => connectedNumberSchema.parse(v),
    state: 'connectedNumbers',
    toState: itself,
    fromState: (n) => ({ id: n.id, value: n, scope: n.appId }),
  }),
  faults: table({
    name: 'faults',
    decode: (v): Fault => faultSchema.parse(v),
    cached: true,
    state: 'faults',
    toState: itself,
    fromState: (f) => ({ id: f.id, value: f, scope: f.appId ?? '' }),
  }),
  // Keyed `appId:portalId`, scoped by app id.
  installs: table({
    name: 'installs',
    decode: (v): Install => installSchema.parse(v),
    cached: true,
    state: 'installs',
    toState: itself,
    fromState: (i) => ({ id: `${i.appId}:${i.portalId}`, value: i, scope: i.appId }),
  }),
  // OAuth codes and tokens, scoped `appId:portalId` (an uninstall deletes them). Codes live minutes:
  // never in a state file; tokens are, unless the export leaves secrets out.
  oauthCodes: {
    name: 'oauth_codes',
    decode: (v: unknown): OauthCode => oauthCodeSchema.parse(v),
    cached: false,
  } satisfies Table<'oauth_codes', OauthCode>,
  oauthTokens: table({
    name: 'oauth_tokens',
    decode: (v): OauthToken => oauthTokenSchema.parse(v),
    state: 'oauthTokens',
    toState: itself,
    fromState: (t) => ({ id: t.token, value: t, scope: `${t.appId}:${t.portalId}` }),
  }),
};

export type Tables = typeof tables;
/** The value type of a table's documents. */
export type TableValue<X> = X extends Table<string, infer T> ? T : never;
/** Every SQLite table of JSON documents. */
export type CollectionName = Tables[keyof Tables]['name'];
