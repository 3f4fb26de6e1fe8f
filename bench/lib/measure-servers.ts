import { signedCardRequest } from '../../tests/helpers/card-fixture.ts';
import { compiledFrameworkEnv } from '../servers/framework-modules.ts';
import { compileFramework } from './compile-framework.ts';
import { interleave, samplesOf } from './interleave.ts';
import { type LoadSample, runLoad } from './run-load.ts';
import { type RunningServers, startServers } from './server-process.ts';

/** A load sample plus the server process's CPU time per response, microseconds. */
export type ServerSample = LoadSample & { cpuPerRequest: number };

/** Options of {@link loadRounds}. */
export interface LoadRoundsOptions {
  /** Server kinds of `bench/servers/serve.ts`, loaded in this order each round. */
  kinds: readonly string[];
  /** Concurrent connections per load run. */
  connections: number;
  rounds: number;
  /** Seconds of load per server per round. */
  seconds: number;
  /** Seconds of unmeasured load per server first, so the JIT has settled. */
  warmupSeconds: number;
}

/**
 * Starts the servers (one process each, or one for all), runs `use`, and always stops them.
 * Spoke's servers run @spoke/framework compiled as published, made here for them and deleted once
 * they have imported it (`SPOKE_BENCH_SOURCE=1` runs the TypeScript source through tsx instead).
 */
export async function withServers<T>(
  kinds: readonly string[],
  options: { separate: boolean },
  use: (servers: RunningServers) => Promise<T>,
): Promise<T> {
  const servers = await startWithFramework(kinds, options);
  try {
    return await use(servers);
  } finally {
    await servers.close();
  }
}

async function startWithFramework(kinds: readonly string[], options: { separate: boolean }) {
  const compile = kinds.some((kind) => kind.startsWith('spoke-')) && process.env.SPOKE_BENCH_SOURCE !== '1';
  if (!compile) return startServers(kinds, options);
  const compiled = await compileFramework();
  const previous = process.env[compiledFrameworkEnv];
  // The server processes inherit the environment: this tells them where the compiled copy is.
  process.env[compiledFrameworkEnv] = compiled.dir;
  try {
    return await startServers(kinds, options);
  } finally {
    if (previous === undefined) delete process.env[compiledFrameworkEnv];
    else process.env[compiledFrameworkEnv] = previous;
    await compiled.remove();
  }
}

/** A few awaited requests first, so the first (slow, cold) answers are not lost to a short run. */
async function prime(baseUrl: string, count = 5): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const request = signedCardRequest(baseUrl);
    const response = await fetch(request.url, { headers: request.headers });
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`[bench] ${baseUrl} answered ${response.status} to a signed data fetch`);
  }
}

/**
 * Warms each server up, then loads them in interleaved rounds with a freshly signed data fetch
 * per run. Returns every server's samples in round order.
 */
export async function loadRounds(
  servers: RunningServers,
  options: LoadRoundsOptions,
): Promise<Map<string, ServerSample[]>> {
  const load = async (kind: string, seconds: number, minResponses = 1): Promise<ServerSample> => {
    const request = signedCardRequest(servers.url(kind));
    const before = await servers.cpuMicros(kind);
    const sample = await runLoad({
      ...request,
      connections: options.connections,
      durationSeconds: seconds,
      minResponses,
    });
    const cpuMicros = (await servers.cpuMicros(kind)) - before;
    return { ...sample, cpuPerRequest: sample.requests === 0 ? Number.NaN : cpuMicros / sample.requests };
  };
  for (const kind of options.kinds) {
    await prime(servers.url(kind));
    await load(kind, options.warmupSeconds, 0);
  }
  return interleave(
    options.rounds,
    options.kinds.map((kind) => ({ key: kind, measure: () => load(kind, options.seconds) })),
  );
}

/** One metric of a server's samples, in round order. */
export function metricOf(
  samples: Map<string, ServerSample[]>,
  kind: string,
  metric: 'rps' | 'p50' | 'p99' | 'cpuPerRequest',
): number[] {
  return samplesOf(samples, kind).map((sample) => sample[metric]);
}
