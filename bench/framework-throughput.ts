import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { loadRounds, metricOf, type ServerSample, withServers } from './lib/measure-servers.ts';

/** What each server kind is, for the baseline column. */
export const serverLabels: Readonly<Record<string, string>> = {
  node: 'node:http by hand',
  hono: 'hono by hand on @hono/node-server',
  fastify: 'Fastify by hand',
  express: 'Express by hand, ETag off',
  'spoke-node': '@spoke/framework/node',
  'spoke-express': '@spoke/framework/express',
  'spoke-fastify': '@spoke/framework/fastify',
  'spoke-fetch': 'app.fetch on @hono/node-server',
};

/**
 * Which entry of the app each Spoke server goes through, printed with its rows: the adapters call
 * `app.handle` (a plain call and reply, no fetch `Request`/`Response`), the fetch server calls
 * `app.fetch` as hono, Bun, Deno and Workers do. docs/decisions/0012
 */
export const servedPaths: Readonly<Record<string, string>> = {
  'spoke-node': 'path: app.handle via @spoke/framework/node',
  'spoke-express': 'path: app.handle via @spoke/framework/express',
  'spoke-fastify': 'path: app.handle via @spoke/framework/fastify',
  'spoke-fetch': 'path: app.fetch (Request and Response) on @hono/node-server',
};

const kinds = [
  'node',
  'hono',
  'fastify',
  'express',
  'spoke-node',
  'spoke-express',
  'spoke-fastify',
  'spoke-fetch',
] as const;

/** Load settings: full runs take about two minutes; quick runs a few seconds. */
export function throughputSettings(quick: boolean) {
  return quick
    ? { connections: 10, rounds: 1, seconds: 0.3, warmupSeconds: 0.1, separate: false }
    : { connections: 10, rounds: 5, seconds: 3, warmupSeconds: 2, separate: true };
}

/** A figure of one load run: throughput, latency, or the server's CPU time per response. */
export type LoadMetric = 'rps' | 'p50' | 'p99' | 'cpu';

const metricFields = { rps: 'rps', p50: 'p50', p99: 'p99', cpu: 'cpuPerRequest' } as const;

/** The figures of `kind` against `baseline`, one result per metric (default: rps, p50, p99, cpu). */
export function loadComparisons(
  samples: Map<string, ServerSample[]>,
  kind: string,
  baseline: string,
  options: { prefix: string; rpsTarget?: number | null; metrics?: readonly LoadMetric[] },
): BenchResult[] {
  const metrics = options.metrics ?? (['rps', 'p50', 'p99', 'cpu'] as const);
  return metrics.map((metric) => {
    const result = compareRounds({
      name: `${options.prefix}.${metric}`,
      baseline: serverLabels[baseline] ?? baseline,
      unit: metric === 'rps' ? 'req/s' : metric === 'cpu' ? 'µs' : 'ms',
      better: metric === 'rps' ? 'higher' : 'lower',
      target: metric === 'rps' ? (options.rpsTarget ?? null) : null,
      values: metricOf(samples, kind, metricFields[metric]),
      baselineValues: metricOf(samples, baseline, metricFields[metric]),
    });
    // CPU per response hardly depends on what else the machine runs, unlike req/s on a busy one.
    const notes = [
      servedPaths[kind],
      metric === 'cpu' ? 'server CPU time (user + system) per response' : undefined,
    ];
    const note = notes.filter((part) => part !== undefined).join('; ');
    return note === '' ? result : { ...result, note };
  });
}

/**
 * 1. Framework throughput: a signed v3 data fetch (verify, parse, handler, validated JSON reply)
 * on @spoke/framework's node, Express and Fastify adapters (`app.handle`) and through `app.fetch`
 * on @hono/node-server, against the same service written by hand on node:http, hono (on the same
 * @hono/node-server), Fastify and Express, each server in its own process.
 */
export async function frameworkThroughput({ quick }: BenchOptions): Promise<BenchResult[]> {
  const settings = throughputSettings(quick);
  const samples = await withServers(kinds, settings, (servers) =>
    loadRounds(servers, { kinds, ...settings }),
  );
  const against = (kind: string, baseline: string, rpsTarget: number | null = null) =>
    loadComparisons(samples, kind, baseline, {
      prefix: `framework.${kind}${baseline === 'node' ? '' : `-vs-${baseline}`}`,
      rpsTarget,
    });
  return [
    ...against('spoke-node', 'node', 0.9),
    ...loadComparisons(samples, 'spoke-node', 'hono', {
      prefix: 'framework.spoke-node-vs-hono',
      rpsTarget: 1,
      metrics: ['rps', 'cpu'],
    }),
    ...loadComparisons(samples, 'spoke-fetch', 'hono', {
      prefix: 'framework.spoke-fetch-vs-hono',
      rpsTarget: 0.9,
      metrics: ['rps', 'p50', 'cpu'],
    }),
    ...loadComparisons(samples, 'spoke-fetch', 'spoke-node', {
      prefix: 'framework.spoke-fetch-vs-spoke-node',
      metrics: ['cpu'],
    }),
    ...against('hono', 'node'),
    ...against('fastify', 'node'),
    ...against('express', 'node'),
    ...against('spoke-express', 'express'),
    ...against('spoke-fastify', 'fastify'),
  ];
}
