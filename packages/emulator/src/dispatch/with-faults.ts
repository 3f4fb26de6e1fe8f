import type { Faults } from './faults.ts';
import { type Transport, type TransportOutcome, transportMessages } from './transport.ts';

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Wraps a transport with the transport faults: `latencyMs` waits before sending and counts against
 * the total deadline; `dropConnection` and `forceStatus` answer without calling the service.
 * Signature faults are applied by `signRequest`, not here.
 */
export function withFaults(transport: Transport, faults: Faults | undefined): Transport {
  if (!faults) return transport;
  const { latencyMs = 0, dropConnection, forceStatus } = faults;
  if (latencyMs <= 0 && !dropConnection && forceStatus === undefined) return transport;
  return {
    deadlines: transport.deadlines,
    async send(request): Promise<TransportOutcome> {
      const totalMs = request.totalTimeoutMs ?? transport.deadlines.totalMs;
      const target = `${request.method} ${request.url}`;
      if (latencyMs >= totalMs) {
        await wait(totalMs);
        const message = `${transportMessages.deadline(target, totalMs)} (${latencyMs} ms of latency was injected)`;
        return {
          reply: null,
          error: { code: 'DISPATCH_DEADLINE_EXCEEDED', message },
          timing: { connectMs: null, totalMs },
        };
      }
      if (latencyMs > 0) await wait(latencyMs);
      const timing = { connectMs: null, totalMs: latencyMs };
      if (dropConnection) {
        const detail = 'the connection was dropped (fault injected; the service was not called)';
        return {
          reply: null,
          error: { code: 'DISPATCH_CONNECTION_FAILED', message: transportMessages.failed(target, detail) },
          timing,
        };
      }
      if (forceStatus !== undefined) {
        return {
          reply: { status: forceStatus, headers: {}, body: '', truncated: false },
          error: null,
          timing,
        };
      }
      const outcome = await transport.send({ ...request, totalTimeoutMs: totalMs - latencyMs });
      return { ...outcome, timing: { ...outcome.timing, totalMs: outcome.timing.totalMs + latencyMs } };
    },
  };
}
