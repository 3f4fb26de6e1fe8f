/** Keeps results alive so the optimiser cannot drop the measured call. */
let sink = 0;

/** Reads the sink (so it is observably used). */
export function sinkValue(): number {
  return sink;
}

/**
 * Calls `fn` in batches for about `ms` milliseconds and returns operations per second.
 * Batching keeps the clock out of the measurement; each result feeds a sink.
 */
export function measureOps(fn: () => unknown, ms: number, batch = 32): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let index = 0; index < batch; index += 1) {
      const result = fn();
      sink = (sink + (result ? 1 : 0)) | 0;
    }
    calls += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls / elapsed) * 1000;
}

/**
 * Like {@link measureOps}, but counts per second of this process's CPU time (user + system)
 * rather than of wall-clock time: on a machine other work shares, the time the process waited for
 * a core is left out, so contenders measured in turn are compared on the work they did.
 */
export function measureCpuOps(fn: () => unknown, ms: number, batch = 32): number {
  let calls = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  do {
    for (let index = 0; index < batch; index += 1) {
      const result = fn();
      sink = (sink + (result ? 1 : 0)) | 0;
    }
    calls += batch;
  } while (performance.now() - start < ms);
  const cpu = process.cpuUsage(cpuStart);
  return (calls / (cpu.user + cpu.system)) * 1e6;
}

/** Like {@link measureOps} for async work, one call at a time: returns operations per second. */
export async function measureAsyncOps(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    const result = await fn();
    sink = (sink + (result ? 1 : 0)) | 0;
    calls += 1;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls / elapsed) * 1000;
}

/** Times each of `count` sequential calls; returns the durations in milliseconds. */
export async function timeCalls(fn: () => Promise<unknown>, count: number): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await fn();
    durations.push(performance.now() - start);
  }
  return durations;
}

/** What {@link runConcurrently} measured. */
export interface ConcurrentSample {
  /** Completed calls per second. */
  opsPerSecond: number;
  /** Median latency of one call, milliseconds. */
  p50: number;
}

/** Keeps `concurrency` calls of `fn` in flight for about `ms`; returns throughput and median latency. */
export async function runConcurrently(
  fn: () => Promise<unknown>,
  concurrency: number,
  ms: number,
): Promise<ConcurrentSample> {
  const durations: number[] = [];
  const start = performance.now();
  const worker = async () => {
    while (performance.now() - start < ms) {
      const began = performance.now();
      await fn();
      durations.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const order = [...durations].sort((a, b) => a - b);
  return {
    opsPerSecond: (durations.length / elapsed) * 1000,
    p50: order[Math.floor((order.length - 1) / 2)] ?? Number.NaN,
  };
}
