import { median } from './stats.ts';

/** Which way a figure improves: req/s and ops/s go up, milliseconds go down. */
export type Better = 'higher' | 'lower';

/**
 * One benchmark figure: a value and the baseline it was measured against in the same run.
 * `ratio` is oriented so that higher is better (`value / baselineValue` for throughput,
 * `baselineValue / value` for times), the median of the per-round ratios.
 */
export interface BenchResult {
  /** Stable id, e.g. `framework.spoke-node.rps`. */
  name: string;
  /** What the value is compared with, in words. */
  baseline: string;
  /** Median of the rounds. */
  value: number;
  /** Median of the baseline's rounds. */
  baselineValue: number;
  /** Unit of `value` and `baselineValue`: `req/s`, `ops/s`, `ms`, `µs`, `writes/s`. */
  unit: string;
  /** Median per-round ratio, oriented so that higher is better. */
  ratio: number;
  /** The goal for `ratio` (met when `ratio >= target`), or null where none. */
  target: number | null;
  /** Which way `value` improves. */
  better: Better;
  /** Interleaved rounds measured. */
  rounds: number;
  /** Lowest and highest per-round ratio: the spread. */
  ratioRange: [number, number];
  /** A fact worth reading next to the figure (share, overhead in ms, why a target is derived). */
  note?: string;
}

/** Options every benchmark group takes. */
export interface BenchOptions {
  /** Tiny durations and one round: proves the benchmark runs, measures nothing worth keeping. */
  quick: boolean;
}

/** A benchmark group: measures and returns its figures. */
export type BenchGroup = (options: BenchOptions) => Promise<BenchResult[]>;

/** Inputs of {@link compareRounds}: per-round values of a candidate and its baseline. */
export interface RoundComparison {
  name: string;
  baseline: string;
  unit: string;
  better: Better;
  target: number | null;
  /** One value per round, in round order. */
  values: readonly number[];
  /** One baseline value per round, measured in the same round. */
  baselineValues: readonly number[];
  note?: string;
}

/** The higher-is-better ratio of one value to its baseline. */
export function orientedRatio(value: number, baselineValue: number, better: Better): number {
  return better === 'higher' ? value / baselineValue : baselineValue / value;
}

/** Turns interleaved per-round measurements into a result: medians, median ratio, spread. */
export function compareRounds(input: RoundComparison): BenchResult {
  const { values, baselineValues, better } = input;
  if (values.length === 0 || values.length !== baselineValues.length) {
    throw new Error(
      `[bench] ${input.name}: ${values.length} rounds against ${baselineValues.length} baseline rounds`,
    );
  }
  const ratios = values.map((value, round) =>
    orientedRatio(value, baselineValues[round] ?? Number.NaN, better),
  );
  const result: BenchResult = {
    name: input.name,
    baseline: input.baseline,
    value: median(values),
    baselineValue: median(baselineValues),
    unit: input.unit,
    ratio: median(ratios),
    target: input.target,
    better,
    rounds: values.length,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  };
  return input.note === undefined ? result : { ...result, note: input.note };
}

/**
 * How a figure stands against its target. The per-round ratios scatter, so the median alone does
 * not decide: `met` when every round reached the target, `missed` when none did, and `tie` when the
 * target lies within the spread (the rounds disagree, so the run cannot tell). One round has no
 * spread: its ratio decides. `null` when the figure has no target.
 */
export type Verdict = 'met' | 'missed' | 'tie';

export function verdictOf(result: BenchResult): Verdict | null {
  if (result.target === null) return null;
  const [low, high] = result.ratioRange;
  if (low >= result.target) return 'met';
  if (high < result.target) return 'missed';
  return 'tie';
}
