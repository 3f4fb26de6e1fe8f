import type {
  CallingSettings,
  CallingSettingsCreate,
  CardDefinition,
  CardDefinitionCreate,
  CardDefinitionPatch,
  ChannelConnectionSettings,
  ChannelConnectionSettingsCreate,
  PermittedUrls,
  PlatformMode,
} from '@spoke/protocol';
import type { ConfigCard, SpokeConfig } from './config-schema.ts';
import { diffValues, type FieldDiff, sameValue } from './diff-values.ts';

/** What the developer API holds for the app. `shareVia` is `undefined` when the API cannot tell (not the emulator). */
export interface RemoteState {
  cards: CardDefinition[];
  calling: CallingSettings | null;
  channelConnection: ChannelConnectionSettings | null;
  shareVia: string | null | undefined;
  /** The emulator's settings of the app (public URL, request shape); `undefined` when not the emulator. */
  app?: EmulatorAppSettings | undefined;
}

/** Settings only the emulator has: the public URL it signs for and the request shape it sends. */
export interface EmulatorAppSettings {
  publicUrl: string | null;
  mode: PlatformMode | null;
  /** The app's permittedUrls (HubSpot's app-hsmeta.json); converter mode judges calls against them. */
  permittedUrls: PermittedUrls | null;
  /** The app's OAuth redirect URLs. */
  redirectUrls: string[] | null;
  /** A card's own public URL, by card id. */
  cardPublicUrls: Record<string, string>;
}

/** The emulator settings `spoke.config.json` can set, in the order they are compared. */
export const emulatorAppFields = ['publicUrl', 'mode', 'permittedUrls', 'redirectUrls'] as const;
export type EmulatorAppField = (typeof emulatorAppFields)[number];

type Singleton = 'calling' | 'channelConnection';

/** One change `spoke push` makes. */
export type PushChange =
  | { target: 'card'; op: 'create'; key: string; title: string; body: CardDefinitionCreate }
  | {
      target: 'card';
      op: 'update';
      key: string;
      id: string;
      title: string;
      patch: CardDefinitionPatch;
      diffs: FieldDiff[];
    }
  | { target: 'card'; op: 'delete'; id: string; title: string }
  | { target: 'calling'; op: 'create'; body: CallingSettingsCreate }
  | { target: 'channelConnection'; op: 'create'; body: ChannelConnectionSettingsCreate }
  | { target: Singleton; op: 'update'; patch: Record<string, unknown>; diffs: FieldDiff[] }
  | { target: Singleton; op: 'delete' }
  | { target: 'shareVia'; op: 'set'; from: string | null | undefined; to: string | null }
  | {
      target: 'app';
      op: 'set';
      field: EmulatorAppField;
      from: EmulatorAppSettings[EmulatorAppField] | undefined;
      to: EmulatorAppSettings[EmulatorAppField];
    }
  | {
      target: 'cardPublicUrl';
      op: 'set';
      key: string;
      title: string;
      from: string | null;
      to: string | null;
    };

/** The create body of a config card: the protocol's shape, without Spoke's `key` and `renamedFrom`. */
export function cardBody(card: ConfigCard): CardDefinitionCreate {
  const { key: _key, renamedFrom: _renamedFrom, publicUrl: _publicUrl, ...body } = card;
  return normalizeCard(body);
}

/**
 * A card in comparable form: only the create fields, every display property with its `options`
 * (`[]` when it has none), as HubSpot's developer API returns them and the card converter requires.
 */
export function normalizeCard(card: CardDefinitionCreate | CardDefinition): CardDefinitionCreate {
  // Replies were parsed by the client already; take only the create fields.
  const { title, fetch, display, actions } = card;
  return {
    title,
    fetch,
    display: {
      properties: display.properties.map((property) => ({ ...property, options: property.options ?? [] })),
    },
    actions,
  };
}

function planCards(wanted: readonly ConfigCard[], remote: readonly CardDefinition[]): PushChange[] {
  // Oldest first, so the card that survives a duplicate title is the one created first.
  const pool = [...remote].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const claimed = new Set<string>();
  const take = (title: string | undefined) => {
    const found = pool.find((card) => card.title === title && !claimed.has(card.id));
    if (found) claimed.add(found.id);
    return found;
  };
  const matched = wanted.map((card) => ({ card, remote: take(card.title) }));
  // Renames second, so a title that exists remotely always wins over a renamedFrom guess.
  for (const entry of matched)
    entry.remote ??= entry.card.renamedFrom ? take(entry.card.renamedFrom) : undefined;
  const changes: PushChange[] = pool
    .filter((card) => !claimed.has(card.id))
    .map((card) => ({ target: 'card', op: 'delete', id: card.id, title: card.title }));
  for (const { card, remote: current } of matched) {
    const body = cardBody(card);
    if (!current) {
      changes.push({ target: 'card', op: 'create', key: card.key, title: card.title, body });
      continue;
    }
    const before = normalizeCard(current);
    const diffs = diffValues(before, body);
    if (diffs.length === 0) continue;
    const patch: CardDefinitionPatch = {};
    for (const field of ['title', 'fetch', 'display', 'actions'] as const) {
      if (diffValues(before[field], body[field]).length > 0) Object.assign(patch, { [field]: body[field] });
    }
    changes.push({
      target: 'card',
      op: 'update',
      key: card.key,
      id: current.id,
      title: card.title,
      patch,
      diffs,
    });
  }
  return changes;
}

function planSingleton<T extends object>(
  target: Singleton,
  wanted: T | null | undefined,
  current: Record<string, unknown> | null,
  create: (body: T) => PushChange,
): PushChange[] {
  if (wanted === undefined) return [];
  if (wanted === null) return current ? [{ target, op: 'delete' }] : [];
  if (!current) return [create(wanted)];
  // Only fields the config names are managed; the API's defaults for the rest are left alone.
  const patch: Record<string, unknown> = {};
  const diffs: FieldDiff[] = [];
  for (const [field, value] of Object.entries(wanted)) {
    const found = diffValues(current[field], value, field);
    if (found.length > 0) {
      patch[field] = value;
      diffs.push(...found);
    }
  }
  return diffs.length > 0 ? [{ target, op: 'update', patch, diffs }] : [];
}

/**
 * Each listed card's own public URL, against the emulator only (HubSpot has none): the remote card
 * is the one the card matches by title (or `renamedFrom`); a card without `publicUrl` has none.
 */
function planCardPublicUrls(cards: readonly ConfigCard[] | undefined, remote: RemoteState): PushChange[] {
  if (cards === undefined || remote.app === undefined) return [];
  const overrides = remote.app.cardPublicUrls;
  const changes: PushChange[] = [];
  for (const card of cards) {
    const match =
      remote.cards.find((r) => r.title === card.title) ??
      (card.renamedFrom ? remote.cards.find((r) => r.title === card.renamedFrom) : undefined);
    const from = match ? (overrides[match.id] ?? null) : null;
    const to = card.publicUrl ?? null;
    if (from !== to)
      changes.push({ target: 'cardPublicUrl', op: 'set', key: card.key, title: card.title, from, to });
  }
  return changes;
}

/**
 * Compares the config with the remote state and lists the changes that make the remote match:
 * card deletes first (room under the 25-card limit), then updates, then creates, then settings.
 * A section the config leaves out is not managed.
 */
export function planPush(config: SpokeConfig, remote: RemoteState): PushChange[] {
  const cards = config.cards === undefined ? [] : planCards(config.cards, remote.cards);
  const order = { delete: 0, update: 1, create: 2 } as const;
  const changes = [...cards].sort(
    (a, b) => order[a.op as keyof typeof order] - order[b.op as keyof typeof order],
  );
  changes.push(
    ...planSingleton('calling', config.calling, remote.calling, (body) => ({
      target: 'calling',
      op: 'create',
      body,
    })),
    ...planSingleton('channelConnection', config.channelConnection, remote.channelConnection, (body) => ({
      target: 'channelConnection',
      op: 'create',
      body,
    })),
  );
  if (config.shareVia !== undefined) {
    const to = config.shareVia?.targetBaseUrl ?? null;
    if (remote.shareVia !== to) changes.push({ target: 'shareVia', op: 'set', from: remote.shareVia, to });
  }
  for (const field of emulatorAppFields) {
    const wanted = config[field];
    if (wanted === undefined) continue;
    const from = remote.app === undefined ? undefined : remote.app[field];
    if (from === undefined || !sameValue(from, wanted))
      changes.push({ target: 'app', op: 'set', field, from, to: wanted });
  }
  changes.push(...planCardPublicUrls(config.cards, remote));
  return changes;
}
