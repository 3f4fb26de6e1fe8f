import autocannon from 'autocannon';
import { percentile } from './stats.ts';

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Target on 127.0.0.1 (the only address a load may go to). */
  url: string;
  /** Request headers, e.g. a fresh signature. @default none */
  headers?: Record<string, string>;
  /** Concurrent connections. */
  connections: number;
  /** Seconds; autocannon stops by itself after this. */
  durationSeconds: number;
  /** Fewer responses than this is a failure (a warm-up may pass 0). @default 1 */
  minResponses?: number;
}

/** What one bounded load run measured. */
export interface LoadSample {
  /** Completed responses per second of wall time. */
  rps: number;
  /** Median latency, milliseconds (from exact per-response timings, not autocannon's whole-ms histogram). */
  p50: number;
  /** 99th-percentile latency, milliseconds. */
  p99: number;
  /** Responses counted. */
  requests: number;
}

/**
 * Runs autocannon against a loopback URL for a bounded time and returns throughput and latency.
 * Throws when any response was not 2xx or any request failed: a benchmark of errors is worthless.
 */
export function runLoad(options: LoadOptions): Promise<LoadSample> {
  const target = new URL(options.url);
  if (target.hostname !== '127.0.0.1') {
    return Promise.reject(new Error(`[bench] load may only target 127.0.0.1, not ${target.hostname}`));
  }
  const latencies: number[] = [];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers ?? {},
        timeout: 10,
        // autocannon stops only on a sample tick (1 s by default), which would stretch short runs.
        sampleInt: 50,
      },
      (error, result) => {
        const elapsedSeconds = (performance.now() - start) / 1000;
        if (error !== null) {
          reject(error);
          return;
        }
        const failed = result.non2xx + result.errors + result.timeouts;
        if (failed > 0 || latencies.length < (options.minResponses ?? 1)) {
          const detail = `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${latencies.length} responses`;
          reject(new Error(`[bench] load on ${options.url} failed: ${detail}`));
          return;
        }
        const empty = latencies.length === 0;
        resolve({
          rps: latencies.length / elapsedSeconds,
          p50: empty ? Number.NaN : percentile(latencies, 50),
          p99: empty ? Number.NaN : percentile(latencies, 99),
          requests: latencies.length,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}
