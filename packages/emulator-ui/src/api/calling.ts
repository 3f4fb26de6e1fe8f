import { api } from './http.ts';
import type { ConnectedNumber, NumbersResult } from './types.ts';

/**
 * Asks the app's channel-connection webhook for its numbers (a signed POST). `override` passes on
 * the browser's LocalSettings:Calling:supportsChannelConnection flag for an app whose isReady is false. docs/protocol.md §4.2.
 */
export function fetchNumbers(appId: number, override: boolean): Promise<NumbersResult> {
  return api<NumbersResult>(`/_spoke/apps/${appId}/channel-connection/numbers`, {
    method: 'POST',
    body: { override },
  });
}

/** Records that the user connected a number to the help desk (the emulator re-checks it with the app). */
export function connectNumber(
  appId: number,
  e164PhoneNumber: string,
  override: boolean,
): Promise<ConnectedNumber> {
  return api<ConnectedNumber>(`/_spoke/apps/${appId}/channel-connection/connect`, {
    method: 'POST',
    body: { e164PhoneNumber, override },
  });
}

/** Numbers connected through an app. */
export async function listConnections(appId: number, signal?: AbortSignal): Promise<ConnectedNumber[]> {
  const path = `/_spoke/apps/${appId}/channel-connection/connections`;
  return (await api<{ results: ConnectedNumber[] }>(path, signal ? { signal } : {})).results;
}

export async function disconnectNumber(appId: number, id: string): Promise<void> {
  await api<undefined>(`/_spoke/apps/${appId}/channel-connection/connections/${encodeURIComponent(id)}`, {
    method: 'DELETE',
  });
}
