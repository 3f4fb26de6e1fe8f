import { dispatchP50, sampleExchange } from './emulator-fanout.ts';
import { loadComparisons, serverLabels } from './framework-throughput.ts';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { createEmulatorBench, type EmulatorBench } from './lib/emulator-bench.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { runConcurrently, timeCalls } from './lib/measure-ops.ts';
import { loadRounds, metricOf, withServers } from './lib/measure-servers.ts';
import { prefillStore } from './lib/prefill-store.ts';
import { startServers } from './lib/server-process.ts';
import { percentile } from './lib/stats.ts';

const connectionCounts = [1, 10, 50] as const;

/** Settings: rounds and durations, and how many records and logged requests the big store holds. */
export function growthSettings(quick: boolean) {
  return quick
    ? {
        rounds: 1,
        seconds: 0.2,
        warmupSeconds: 0.1,
        separate: false,
        records: 100,
        requests: 10,
        concurrentMs: 150,
      }
    : {
        rounds: 3,
        seconds: 2,
        warmupSeconds: 1,
        separate: true,
        records: 10_000,
        requests: 150,
        concurrentMs: 1_000,
      };
}

/** Framework throughput against node:http by hand at 1, 10 and 50 connections, and spoke's own curve. */
async function frameworkGrowth(settings: ReturnType<typeof growthSettings>): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const bySpoke = new Map<number, number[]>();
  const kinds = ['node', 'spoke-node'];
  await withServers(kinds, settings, async (servers) => {
    for (const connections of connectionCounts) {
      const samples = await loadRounds(servers, { kinds, connections, ...settings });
      bySpoke.set(connections, metricOf(samples, 'spoke-node', 'rps'));
      results.push(
        ...loadComparisons(samples, 'spoke-node', 'node', {
          prefix: `growth.framework.c${connections}`,
          metrics: ['rps', 'p99', 'cpu'],
        }),
      );
    }
  });
  const single = bySpoke.get(1) ?? [];
  for (const connections of [10, 50]) {
    results.push(
      compareRounds({
        name: `growth.framework.spoke-node.c${connections}-vs-c1.rps`,
        baseline: `${serverLabels['spoke-node']} at 1 connection`,
        unit: 'req/s',
        better: 'higher',
        target: null,
        values: bySpoke.get(connections) ?? [],
        baselineValues: single,
        note: 'flat or rising: more connections do not cost throughput',
      }),
    );
  }
  return results;
}

/** p50 ms of one page of the request log (`GET /_spoke/requests`, the UI's default 100, newest first). */
async function logListP50(bench: EmulatorBench, query: string, requests: number): Promise<number> {
  return percentile(
    await timeCalls(() => bench.call('GET', `/_spoke/requests?limit=100${query}`), requests),
    50,
  );
}

/** Emulator dispatch: throughput at 1, 10, 50 concurrent record opens; p50 with a big store vs a fresh one. */
async function emulatorGrowth(settings: ReturnType<typeof growthSettings>): Promise<BenchResult[]> {
  const services = await startServers(['card-services'], { separate: true });
  const servicesUrl = services.url('card-services');
  let fresh: EmulatorBench | undefined;
  let big: EmulatorBench | undefined;
  try {
    fresh = await createEmulatorBench({ servicesUrl, slowestDelayMs: 100 });
    big = await createEmulatorBench({ servicesUrl, slowestDelayMs: 100 });
    await big.openRecord('companies', big.companyId);
    await prefillStore(big.store, await sampleExchange(big), settings.records);
    const freshBench = fresh;
    const bigBench = big;
    const open = () => freshBench.openRecord('companies', freshBench.companyId);
    for (let index = 0; index < settings.requests; index += 1) await open();
    const samples = await interleave(settings.rounds, [
      ...connectionCounts.map((concurrency) => ({
        key: `c${concurrency}`,
        measure: async () => (await runConcurrently(open, concurrency, settings.concurrentMs)).opsPerSecond,
      })),
      { key: 'fresh', measure: () => dispatchP50(freshBench, settings.requests) },
      { key: 'big', measure: () => dispatchP50(bigBench, settings.requests) },
      { key: 'log-fresh', measure: () => logListP50(freshBench, '', settings.requests) },
      { key: 'log-big', measure: () => logListP50(bigBench, '', settings.requests) },
      {
        key: 'app-log-fresh',
        measure: () => logListP50(freshBench, `&appId=${freshBench.instantAppId}`, settings.requests),
      },
      {
        key: 'app-log-big',
        measure: () => logListP50(bigBench, `&appId=${bigBench.instantAppId}`, settings.requests),
      },
    ]);
    const records = settings.records.toLocaleString('en-US');
    return [
      ...[10, 50].map((concurrency) =>
        compareRounds({
          name: `growth.emulator.dispatch.c${concurrency}-vs-c1`,
          baseline: 'one record open at a time',
          unit: 'opens/s',
          better: 'higher',
          target: null,
          values: samplesOf(samples, `c${concurrency}`),
          baselineValues: samplesOf(samples, 'c1'),
          note: `${concurrency} record pages (one instant card each) opened concurrently`,
        }),
      ),
      compareRounds({
        name: 'growth.emulator.dispatch-p50.big-store',
        baseline: 'fresh store (seed data only)',
        unit: 'ms',
        better: 'lower',
        target: null,
        values: samplesOf(samples, 'big'),
        baselineValues: samplesOf(samples, 'fresh'),
        note: `the store holds ${records} more records and ${records} more logged requests`,
      }),
      ...[
        ['', 'log', 'newest 100 of the whole log'],
        ['.by-app', 'app-log', "newest 100 of the instant card's app (?appId=)"],
      ].map(([suffix, key, what]) =>
        compareRounds({
          name: `growth.emulator.request-log${suffix}.big-store`,
          baseline: 'fresh store (seed data only)',
          unit: 'ms',
          better: 'lower',
          target: null,
          values: samplesOf(samples, `${key}-big`),
          baselineValues: samplesOf(samples, `${key}-fresh`),
          note: `GET /_spoke/requests, ${what}, p50, with ${records} more logged requests in the store`,
        }),
      ),
    ];
  } finally {
    await fresh?.close();
    await big?.close();
    await services.close();
  }
}

/**
 * 6. Growth: how framework throughput (1) and emulator dispatch (4) change with 1, 10 and 50
 * concurrent connections, and with 10,000 stored records and logged requests.
 */
export async function growth({ quick }: BenchOptions): Promise<BenchResult[]> {
  const settings = growthSettings(quick);
  return [...(await frameworkGrowth(settings)), ...(await emulatorGrowth(settings))];
}
