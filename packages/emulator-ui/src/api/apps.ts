import type {
  CallingSettings,
  CardDefinition,
  CardDefinitionList,
  ChannelConnectionSettings,
  PermittedUrls,
  PlatformMode,
} from '@spoke/protocol';
import { SpokeUiError } from '../errors.ts';
import { api } from './http.ts';
import type { App, Fault, Portal } from './types.ts';

/** Every app the emulator knows. */
export async function listApps(signal?: AbortSignal): Promise<App[]> {
  return (await api<{ results: App[] }>('/_spoke/apps', signal ? { signal } : {})).results;
}

/** The portals (HubSpot accounts) the emulator plays. */
export async function listPortals(signal?: AbortSignal): Promise<Portal[]> {
  return (await api<{ results: Portal[] }>('/_spoke/portals', signal ? { signal } : {})).results;
}

function developerPath(app: App, path: string): string {
  return `${path}?hapikey=${encodeURIComponent(app.developerApiKey)}`;
}

/** null when the developer API answers 404 (nothing configured). */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SpokeUiError && error.replyStatus === 404) return null;
    throw error;
  }
}

/** The app's card definitions, through the developer API as an integrator would read them. */
export async function listCards(app: App, signal?: AbortSignal): Promise<CardDefinition[]> {
  const path = developerPath(app, `/crm/v3/extensions/cards-dev/${app.id}`);
  return (await api<CardDefinitionList>(path, signal ? { signal } : {})).results;
}

/** Calling settings, or null when the app has none. */
export function getCallingSettings(app: App, signal?: AbortSignal): Promise<CallingSettings | null> {
  const path = developerPath(app, `/crm/v3/extensions/calling/${app.id}/settings`);
  return orNull(api<CallingSettings>(path, signal ? { signal } : {}));
}

/** Channel-connection settings, or null when the app has none. */
export function getChannelConnection(
  app: App,
  signal?: AbortSignal,
): Promise<ChannelConnectionSettings | null> {
  const path = developerPath(app, `/crm/v3/extensions/calling/${app.id}/settings/channel-connection`);
  return orNull(api<ChannelConnectionSettings>(path, signal ? { signal } : {}));
}

/** The platform mode: `legacy` CRM cards or HubSpot's Legacy CRM Card `converter`. docs/protocol.md §2.4. */
export async function getMode(signal?: AbortSignal): Promise<PlatformMode> {
  return (await api<{ mode: PlatformMode }>('/_spoke/mode', signal ? { signal } : {})).mode;
}

export async function setMode(mode: PlatformMode): Promise<PlatformMode> {
  return (await api<{ mode: PlatformMode }>('/_spoke/mode', { method: 'PUT', body: { mode } })).mode;
}

/** Fault-injection switches. */
export async function listFaults(signal?: AbortSignal): Promise<Fault[]> {
  return (await api<{ results: Fault[] }>('/_spoke/faults', signal ? { signal } : {})).results;
}

/** The fields a new fault takes: everything but id and createdAt. */
export type FaultInput = Partial<Omit<Fault, 'id' | 'createdAt'>>;

export function addFault(input: FaultInput): Promise<Fault> {
  return api<Fault>('/_spoke/faults', { method: 'POST', body: input });
}

export function updateFault(id: string, patch: FaultInput): Promise<Fault> {
  return api<Fault>(`/_spoke/faults/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export async function removeFault(id: string): Promise<void> {
  await api<undefined>(`/_spoke/faults/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The settings `PATCH /_spoke/apps/{appId}` takes from this page; null clears one. */
export interface AppSettingsPatch {
  /** The public base URL HubSpot calls (a tunnel): calls are signed for it, delivered to the target. */
  publicUrl?: string | null;
  /** The request shape this app gets; null follows the emulator's mode. docs/migration.md. */
  mode?: PlatformMode | null;
  /** HubSpot's permittedUrls (app-hsmeta.json); null removes them. Converter mode judges calls against `fetch`. */
  permittedUrls?: PermittedUrls | null;
}

export function updateAppSettings(
  appId: number,
  patch: AppSettingsPatch,
  onWarnings?: (texts: string[]) => void,
): Promise<App> {
  return api<App>(`/_spoke/apps/${appId}`, {
    method: 'PATCH',
    body: patch,
    ...(onWarnings ? { onWarnings } : {}),
  });
}
