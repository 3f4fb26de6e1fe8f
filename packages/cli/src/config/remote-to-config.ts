import { callingSettingsCreateSchema, channelConnectionSettingsCreateSchema } from '@spoke/protocol';
import type { ConfigCard } from './config-schema.ts';
import { hasEnvReference, interpolateEnv } from './interpolate-env.ts';
import { emulatorAppFields, normalizeCard, type RemoteState } from './plan-push.ts';

type Env = Readonly<Record<string, string | undefined>>;
type JsonObject = Record<string, unknown>;

function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'card'
  );
}

function resolved(value: unknown, env: Env): unknown {
  try {
    return interpolateEnv(value, env);
  } catch {
    return undefined;
  }
}

/** Keeps a `${VAR}` string from the old file wherever it still resolves to the remote value. */
export function preserveTemplates(old: unknown, next: unknown, env: Env): unknown {
  if (typeof old === 'string' && typeof next === 'string') {
    return hasEnvReference(old) && resolved(old, env) === next ? old : next;
  }
  if (Array.isArray(old) && Array.isArray(next))
    return next.map((item, i) => preserveTemplates(old[i], item, env));
  if (
    old &&
    next &&
    typeof old === 'object' &&
    typeof next === 'object' &&
    !Array.isArray(old) &&
    !Array.isArray(next)
  ) {
    const before = old as JsonObject;
    return Object.fromEntries(
      Object.entries(next).map(([key, value]) => [key, preserveTemplates(before[key], value, env)]),
    );
  }
  return next;
}

function oldCards(old: JsonObject, env: Env): { raw: JsonObject; title: unknown; key: unknown }[] {
  const cards = Array.isArray(old.cards) ? old.cards : [];
  return cards
    .filter((card): card is JsonObject => card !== null && typeof card === 'object')
    .map((raw) => ({ raw, title: resolved(raw.title, env), key: raw.key }));
}

/**
 * Turns the remote state into a config document: cards keep the key (and order) they had in the
 * old file, matched by title; new cards get a key made from the title; `${VAR}` strings that
 * still resolve to the remote value are kept as written.
 */
export function remoteToConfig(remote: RemoteState, old: JsonObject, appId: number, env: Env): JsonObject {
  const previous = oldCards(old, env);
  const used = new Set<string>();
  const uniqueKey = (wanted: string) => {
    let key = wanted;
    for (let n = 2; used.has(key); n += 1) key = `${wanted}-${n}`;
    used.add(key);
    return key;
  };
  const rank = (title: string) => {
    const index = previous.findIndex((card) => card.title === title);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const sorted = [...remote.cards].sort(
    (a, b) => rank(a.title) - rank(b.title) || a.createdAt.localeCompare(b.createdAt),
  );
  const cards = sorted.map((card) => {
    const before = previous.find((p) => p.title === card.title);
    const key = uniqueKey(typeof before?.key === 'string' ? before.key : slug(card.title));
    const publicUrl = remote.app?.cardPublicUrls[card.id];
    // Against HubSpot (no such setting) a card keeps the publicUrl its file gave it.
    const keptUrl = remote.app === undefined ? before?.raw.publicUrl : undefined;
    const next: ConfigCard = {
      key,
      ...normalizeCard(card),
      ...(publicUrl !== undefined
        ? { publicUrl }
        : typeof keptUrl === 'string'
          ? { publicUrl: keptUrl }
          : {}),
    };
    return before ? preserveTemplates(before.raw, next, env) : next;
  });
  const config: JsonObject = {};
  if (old.$schema !== undefined) config.$schema = old.$schema;
  config.appId =
    old.appId !== undefined && String(resolved(old.appId, env)) === String(appId) ? old.appId : appId;
  config.cards = cards;
  config.calling = remote.calling
    ? preserveTemplates(old.calling, callingSettingsCreateSchema.parse(remote.calling), env)
    : null;
  config.channelConnection = remote.channelConnection
    ? preserveTemplates(
        old.channelConnection,
        channelConnectionSettingsCreateSchema.parse(remote.channelConnection),
        env,
      )
    : null;
  // undefined: the API cannot tell (real HubSpot), so the file's own value stays.
  if (remote.shareVia === undefined) {
    if (old.shareVia !== undefined) config.shareVia = old.shareVia;
  } else {
    config.shareVia =
      remote.shareVia === null
        ? null
        : preserveTemplates(old.shareVia, { targetBaseUrl: remote.shareVia }, env);
  }
  // Emulator settings: written when set, or as null when the file named them; kept when the API cannot tell.
  for (const field of emulatorAppFields) {
    const value = remote.app === undefined ? undefined : remote.app[field];
    if (value === undefined) {
      if (old[field] !== undefined) config[field] = old[field];
    } else if (value !== null) {
      config[field] = preserveTemplates(old[field], value, env);
    } else if (old[field] !== undefined) {
      config[field] = null;
    }
  }
  return config;
}
