import { api } from './http.ts';
import type { Exchange, LoggedRequest } from './types.ts';

/** The request log, newest first: the platform's calls to apps and the apps' API calls, on one timeline. */
export async function listExchanges(limit = 200, signal?: AbortSignal): Promise<LoggedRequest[]> {
  return (
    await api<{ results: LoggedRequest[] }>(
      `/_spoke/requests?limit=${limit}&direction=all`,
      signal ? { signal } : {},
    )
  ).results;
}

export function getExchange(id: string, signal?: AbortSignal): Promise<LoggedRequest> {
  return api<LoggedRequest>(`/_spoke/requests/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Re-sends a logged request, signed again now (`fresh`) or with its original timestamp. */
export function replayExchange(id: string, timestamp: 'fresh' | 'original'): Promise<Exchange> {
  return api<Exchange>(`/_spoke/requests/${encodeURIComponent(id)}/replay`, {
    method: 'POST',
    body: { timestamp },
  });
}

export async function clearExchanges(): Promise<void> {
  await api<undefined>('/_spoke/requests', { method: 'DELETE' });
}
