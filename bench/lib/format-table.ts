import { type BenchResult, type Verdict, verdictOf } from './bench-result.ts';
import { formatNumber, formatRatio } from './format-number.ts';

/** Column headings of the results table. */
export const tableHeadings = ['benchmark', 'value', 'baseline', 'ratio', 'spread', 'target', ''] as const;

/** A verdict as the table prints it: a miss in capitals, a tie with what it means. */
export const verdictText: Readonly<Record<Verdict, string>> = {
  met: 'met',
  missed: 'MISSED',
  tie: 'tie (target within spread)',
};

/** One result as table cells (plain text, same order as {@link tableHeadings}). */
export function resultCells(result: BenchResult): string[] {
  const [low, high] = result.ratioRange;
  const verdict = verdictOf(result);
  return [
    result.name,
    `${formatNumber(result.value)} ${result.unit}`,
    `${formatNumber(result.baselineValue)} ${result.unit} (${result.baseline})`,
    formatRatio(result.ratio),
    result.rounds > 1 ? `${low.toFixed(2)}–${high.toFixed(2)}` : '1 round',
    result.target === null ? '—' : `≥ ${formatRatio(result.target)}`,
    verdict === null ? '' : verdictText[verdict],
  ];
}

/** The results as an aligned plain-text table for the terminal, notes below their row. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map(resultCells);
  const widths = tableHeadings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(tableHeadings), line(widths.map((width) => '-'.repeat(width)))];
  results.forEach((result, index) => {
    out.push(line(rows[index] ?? []));
    if (result.note !== undefined) out.push(`    ${result.note}`);
  });
  return out.join('\n');
}
