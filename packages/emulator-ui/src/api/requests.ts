import { api } from './http.ts';
import type { Exchange } from './types.ts';

/** The request log, newest first. */
export async function listExchanges(limit = 200, signal?: AbortSignal): Promise<Exchange[]> {
  return (await api<{ results: Exchange[] }>(`/_spoke/requests?limit=${limit}`, signal ? { signal } : {}))
    .results;
}

export function getExchange(id: string, signal?: AbortSignal): Promise<Exchange> {
  return api<Exchange>(`/_spoke/requests/${encodeURIComponent(id)}`, signal ? { signal } : {});
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
