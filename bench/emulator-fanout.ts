import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '@spoke/emulator';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { createEmulatorBench, type EmulatorBench, timeDirectGet } from './lib/emulator-bench.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import {
  bareLogWrites,
  openLogWriteTargets,
  storeFanoutLogWrites,
  storeLogWrites,
} from './lib/log-writes.ts';
import { timeCalls } from './lib/measure-ops.ts';
import { startServers } from './lib/server-process.ts';
import { median, percentile } from './lib/stats.ts';

/** Fan-out target: all cards resolved within the slowest card's own latency plus this. */
export const fanoutBudgetMs = 50;
/** Dispatch overhead target per request, p50. */
export const dispatchBudgetMs = 2;

/**
 * Settings: rounds, requests per round, milliseconds of log writes per round, slowest card, and
 * warm-up opens per store. The dispatch rows measure a warm emulator: V8 compiles an open's code
 * with its optimising tier only after several hundred opens, and until then one open costs up to
 * twice as much (with 30 warm-up opens the first rounds measured the compiler, not the emulator).
 */
export function fanoutSettings(quick: boolean) {
  return quick
    ? { rounds: 1, requests: 10, fileRequests: 5, writesMs: 100, warmup: 3, slowestDelayMs: 100 }
    : { rounds: 5, requests: 150, fileRequests: 40, writesMs: 1_000, warmup: 1_000, slowestDelayMs: 500 };
}

/** p50 ms of opening the one-card company page through the control API. */
export async function dispatchP50(bench: EmulatorBench, requests: number): Promise<number> {
  return percentile(await timeCalls(() => bench.openRecord('companies', bench.companyId), requests), 50);
}

/** p50 ms of GETting the instant card's service directly, on a fresh connection each time. */
export async function directP50(servicesUrl: string, requests: number): Promise<number> {
  return percentile(await timeCalls(() => timeDirectGet(`${servicesUrl}/card/0`), requests), 50);
}

/** The derived target ratio for "value ≤ baseline + budget" when better is lower. */
export function budgetTarget(baselineValue: number, budgetMs: number): number {
  return baselineValue / (baselineValue + budgetMs);
}

/** A logged exchange to copy for the write benchmark. */
export async function sampleExchange(bench: EmulatorBench): Promise<Exchange> {
  const [exchange] = await bench.emulator.store.exchanges.list({
    limit: 1,
    fields: [{ field: 'direction', equals: 'inbound', not: true }],
  });
  if (exchange === undefined || exchange.direction === 'inbound')
    throw new Error('[bench] the emulator logged no exchange');
  return exchange;
}

/**
 * 4. Emulator fan-out: open a record whose 25 cards answer after 0–500 ms and time it against the
 * slowest card's own exchange in the same open; the emulator's overhead on one instant card;
 * request-log writes per second.
 * Each on an in-memory store (`spoke emulator --memory`) and on a file store (the default).
 */
export async function emulatorFanout({ quick }: BenchOptions): Promise<BenchResult[]> {
  const settings = fanoutSettings(quick);
  const { slowestDelayMs } = settings;
  const services = await startServers(['card-services'], { separate: true });
  const servicesUrl = services.url('card-services');
  const dir = await mkdtemp(join(tmpdir(), 'spoke-bench-fanout-'));
  const opened: EmulatorBench[] = [];
  const targets = await openLogWriteTargets();
  try {
    const bench = await createEmulatorBench({ servicesUrl, slowestDelayMs });
    opened.push(bench);
    const onFile = await createEmulatorBench({
      servicesUrl,
      slowestDelayMs,
      storeUrl: join(dir, 'emulator.db'),
    });
    opened.push(onFile);
    for (let index = 0; index < settings.warmup; index += 1) {
      await bench.openRecord('companies', bench.companyId);
      await onFile.openRecord('companies', onFile.companyId);
      await timeDirectGet(`${servicesUrl}/card/0`);
    }
    await bench.openRecord('contacts', bench.contactId);
    await onFile.openRecord('companies', onFile.companyId);
    const exchange = await sampleExchange(bench);
    // One open gives both figures: the page's total time and its slowest card's own latency.
    const slowestOf = new Map<EmulatorBench, number[]>([
      [bench, []],
      [onFile, []],
    ]);
    const openContact = async (target: EmulatorBench) => {
      const start = performance.now();
      const slowest = await target.openRecord('contacts', target.contactId);
      const total = performance.now() - start;
      slowestOf.get(target)?.push(slowest);
      return total;
    };
    const samples = await interleave(settings.rounds, [
      { key: 'fanout', measure: () => openContact(bench) },
      { key: 'fanout-file', measure: () => openContact(onFile) },
      { key: 'dispatch', measure: () => dispatchP50(bench, settings.requests) },
      { key: 'dispatch-file', measure: () => dispatchP50(onFile, settings.fileRequests) },
      { key: 'direct', measure: () => directP50(servicesUrl, settings.requests) },
      { key: 'store-writes', measure: () => storeLogWrites(targets.store, exchange, settings.writesMs) },
      {
        key: 'fanout-writes',
        measure: () => storeFanoutLogWrites(targets.store, exchange, settings.writesMs),
      },
      { key: 'bare-writes', measure: () => bareLogWrites(targets.bare, exchange, settings.writesMs) },
      { key: 'wal-writes', measure: () => bareLogWrites(targets.bareWal, exchange, settings.writesMs) },
    ]);
    const direct = samplesOf(samples, 'direct');
    const fanoutResult = (name: string, values: number[], slowest: number[], store: string) =>
      compareRounds({
        name,
        baseline: `the slowest card's own latency (a ${slowestDelayMs} ms service)`,
        unit: 'ms',
        better: 'lower',
        target: budgetTarget(median(slowest), fanoutBudgetMs),
        values,
        baselineValues: slowest,
        note: `${store}: all 25 cards resolved ${(median(values) - median(slowest)).toFixed(1)} ms after the slowest card's own exchange took (target ≤ ${fanoutBudgetMs} ms; target ratio = slowest ÷ (slowest + ${fanoutBudgetMs}))`,
      });
    const dispatchResult = (name: string, values: number[], store: string) =>
      compareRounds({
        name,
        baseline: 'direct GET of the same service, p50',
        unit: 'ms',
        better: 'lower',
        target: budgetTarget(median(direct), dispatchBudgetMs),
        values,
        baselineValues: direct,
        note: `${store}: overhead ${(median(values) - median(direct)).toFixed(2)} ms per request at p50 (target ≤ ${dispatchBudgetMs} ms): control API, store reads, signing, judging, logging`,
      });
    const writesResult = (
      name: string,
      baselineKey: string,
      baseline: string,
      note: string,
      valuesKey = 'store-writes',
    ) =>
      compareRounds({
        name,
        baseline,
        unit: 'writes/s',
        better: 'higher',
        target: null,
        values: samplesOf(samples, valuesKey),
        baselineValues: samplesOf(samples, baselineKey),
        note,
      });
    return [
      fanoutResult(
        'emulator.fanout-25-cards',
        samplesOf(samples, 'fanout'),
        slowestOf.get(bench) ?? [],
        'in-memory store (--memory)',
      ),
      fanoutResult(
        'emulator.fanout-25-cards.file-store',
        samplesOf(samples, 'fanout-file'),
        slowestOf.get(onFile) ?? [],
        'file store (the default)',
      ),
      dispatchResult('emulator.dispatch-p50', samplesOf(samples, 'dispatch'), 'in-memory store'),
      dispatchResult('emulator.dispatch-p50.file-store', samplesOf(samples, 'dispatch-file'), 'file store'),
      writesResult(
        'emulator.log-writes',
        'bare-writes',
        'bare libsql INSERT of the same JSON, SQLite defaults',
        'file-backed request log, one awaited write at a time, against SQLite with its default journal',
      ),
      writesResult(
        'emulator.log-writes-vs-wal',
        'wal-writes',
        'bare libsql INSERT, WAL + synchronous=NORMAL',
        'the store layer (write queue, JSON) against the same INSERT with the same WAL settings',
      ),
      writesResult(
        'emulator.log-writes.fanout-batch',
        'store-writes',
        'the same store, one awaited write per exchange',
        "request-log entries per second when logged as a record page's fan-out logs them: 25 in one INSERT and one transaction",
        'fanout-writes',
      ),
    ];
  } finally {
    await targets.close();
    for (const each of opened) await each.close();
    await rm(dir, { recursive: true, force: true });
    await services.close();
  }
}
