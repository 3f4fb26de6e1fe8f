import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { benchGroups } from '../bench/groups.ts';
import { type BenchResult, compareRounds, orientedRatio, verdictOf } from '../bench/lib/bench-result.ts';
import { formatTable } from '../bench/lib/format-table.ts';
import { machineInfo } from '../bench/lib/machine-info.ts';
import { median, percentile, summarize } from '../bench/lib/stats.ts';
import { type ResultsFile, writeResults } from '../bench/lib/write-results.ts';
import { parseRunArgs } from '../bench/run.ts';

const units = new Set(['req/s', 'ops/s', 'ms', 'µs', 'writes/s', 'opens/s', 'KiB']);
const higherIsBetter = new Set(['req/s', 'ops/s', 'writes/s', 'opens/s']);

// Shape only, never speed: quick runs are too short to mean anything (no timing assertions).
function expectWellFormed(result: BenchResult): void {
  expect(result.name).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
  expect(result.baseline.length).toBeGreaterThan(0);
  expect(units.has(result.unit)).toBe(true);
  expect(result.better).toBe(higherIsBetter.has(result.unit) ? 'higher' : 'lower');
  for (const figure of [result.value, result.baselineValue, result.ratio]) {
    expect(Number.isFinite(figure)).toBe(true);
    expect(figure).toBeGreaterThan(0);
  }
  if (result.target !== null) {
    expect(Number.isFinite(result.target)).toBe(true);
    expect(result.target).toBeGreaterThan(0);
  }
  expect(result.rounds).toBeGreaterThanOrEqual(1);
  const [low, high] = result.ratioRange;
  const slack = 1e-9 * high;
  expect(result.ratio).toBeGreaterThanOrEqual(low - slack);
  expect(result.ratio).toBeLessThanOrEqual(high + slack);
  // A ratio of medians lies within the per-round ratios; with one round it is exactly value ÷ baseline.
  const oriented = orientedRatio(result.value, result.baselineValue, result.better);
  expect(oriented).toBeGreaterThanOrEqual(low - slack);
  expect(oriented).toBeLessThanOrEqual(high + slack);
  if (result.rounds === 1) expect(result.ratio).toBeCloseTo(oriented, 9);
}

describe('bench library', () => {
  test('median takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  test('percentile ranks to the nearest sample', () => {
    const values = Array.from({ length: 100 }, (_unused, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  test('summarize reports the spread relative to the median', () => {
    expect(summarize([90, 100, 110])).toEqual({ median: 100, min: 90, max: 110, spreadPct: 20 });
  });

  test('compareRounds orients ratios so that higher is better', () => {
    const faster = compareRounds({
      name: 'x.rps',
      baseline: 'b',
      unit: 'req/s',
      better: 'higher',
      target: 0.85,
      values: [90, 80, 100],
      baselineValues: [100, 100, 100],
    });
    expect(faster).toMatchObject({
      value: 90,
      baselineValue: 100,
      ratio: 0.9,
      ratioRange: [0.8, 1],
      rounds: 3,
    });
    const slower = compareRounds({
      name: 'x.p50',
      baseline: 'b',
      unit: 'ms',
      better: 'lower',
      target: null,
      values: [4],
      baselineValues: [2],
    });
    expect(slower.ratio).toBe(0.5);
  });

  test('a target inside the spread is a tie; met and missed need every round on one side', () => {
    const withRatios = (values: number[]) =>
      compareRounds({
        name: 'x.rps',
        baseline: 'b',
        unit: 'req/s',
        better: 'higher',
        target: 0.95,
        values,
        baselineValues: values.map(() => 100),
      });
    expect(verdictOf(withRatios([96, 99, 120]))).toBe('met');
    expect(verdictOf(withRatios([80, 90, 94]))).toBe('missed');
    // The median (0.97) is above the target, but one round fell below it: the run cannot tell.
    expect(verdictOf(withRatios([90, 97, 110]))).toBe('tie');
    expect(verdictOf(withRatios([90, 93, 110]))).toBe('tie');
    expect(verdictOf(withRatios([95]))).toBe('met');
    expect(verdictOf({ ...withRatios([95]), target: null })).toBeNull();
    const table = formatTable([withRatios([90, 97, 110])]);
    expect(table).toContain('0.90–1.10');
    expect(table).toContain('tie (target within spread)');
  });

  test('compareRounds refuses rounds that do not pair up', () => {
    const unpaired = { name: 'x', baseline: 'b', unit: 'ms', better: 'lower', target: null } as const;
    expect(() => compareRounds({ ...unpaired, values: [1, 2], baselineValues: [1] })).toThrow(
      '2 rounds against 1',
    );
  });

  test('parseRunArgs reads --quick and --only, and rejects unknown groups', () => {
    expect(parseRunArgs(['--quick', '--only', 'verification,growth'])).toEqual({
      quick: true,
      only: ['verification', 'growth'],
      out: undefined,
      render: false,
      merge: false,
    });
    expect(parseRunArgs(['--only', 'installed', '--merge'])).toMatchObject({
      only: ['installed'],
      merge: true,
    });
    expect(() => parseRunArgs(['--only', 'nope'])).toThrow('unknown group nope');
  });

  test('writeResults writes results.json in the agreed shape and a RESULTS.md with the table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spoke-bench-test-'));
    try {
      const result = compareRounds({
        name: 'framework.spoke-node.rps',
        baseline: 'node:http by hand',
        unit: 'req/s',
        better: 'higher',
        target: 0.85,
        values: [700],
        baselineValues: [1000],
      });
      const file: ResultsFile = {
        date: '2026-01-01T00:00:00.000Z',
        node: 'v20.20.2',
        machine: machineInfo(),
        results: [result],
      };
      const tie = compareRounds({
        name: 'verify.v3.small.vs-bare',
        baseline: 'node:crypto by hand',
        unit: 'ops/s',
        better: 'higher',
        target: 0.95,
        values: [90, 100],
        baselineValues: [100, 100],
      });
      file.results.push(tie);
      await writeResults({ dir, file, groups: ['framework-throughput'] });
      const written = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsFile;
      expect(Object.keys(written)).toEqual(['date', 'node', 'machine', 'results']);
      expect(written.results[0]).toMatchObject({
        name: 'framework.spoke-node.rps',
        baseline: 'node:http by hand',
        value: 700,
        baselineValue: 1000,
        unit: 'req/s',
        ratio: 0.7,
        target: 0.85,
      });
      const markdown = await readFile(join(dir, 'RESULTS.md'), 'utf8');
      expect(markdown).toContain('| framework.spoke-node.rps | 700 req/s |');
      expect(markdown).toContain('`framework.spoke-node.rps`: 0.70× against ≥ 0.85×');
      expect(markdown).toContain('`verify.v3.small.vs-bare`: 0.95× (spread 0.90–1.00) against ≥ 0.95×');
      expect(markdown.indexOf('verify.v3.small.vs-bare`:')).toBeGreaterThan(markdown.indexOf('## Ties'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('benchmarks in quick mode', () => {
  for (const [name, group] of Object.entries(benchGroups)) {
    // `installed` packs and installs the packages (about 40 s alone); a loaded machine needs more.
    test(`${name} runs once and returns well-formed figures`, { timeout: 180_000 }, async () => {
      const results = await group({ quick: true });
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expectWellFormed(result);
      expect(new Set(results.map((result) => result.name)).size).toBe(results.length);
      expect(formatTable(results)).toContain(results[0]?.name);
    });
  }
});
