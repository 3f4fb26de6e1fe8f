/** Sorted copy, ascending. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('[bench] median of no values');
  const order = sorted(values);
  const middle = Math.floor(order.length / 2);
  const upper = order[middle] ?? Number.NaN;
  return order.length % 2 === 1 ? upper : ((order[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('[bench] percentile of no values');
  const order = sorted(values);
  const rank = Math.min(order.length, Math.max(1, Math.ceil((p / 100) * order.length)));
  return order[rank - 1] ?? Number.NaN;
}

/** Median and spread of a set of samples. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, in percent. */
  spreadPct: number;
}

/** Summarises samples: median, extremes and relative spread. */
export function summarize(values: readonly number[]): Summary {
  const mid = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: mid, min, max, spreadPct: mid === 0 ? 0 : ((max - min) / mid) * 100 };
}
