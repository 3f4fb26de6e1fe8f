import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BenchResult, verdictOf } from './bench-result.ts';
import { resultCells, tableHeadings } from './format-table.ts';
import type { MachineInfo } from './machine-info.ts';

/** What `results.json` holds. */
export interface ResultsFile {
  /** ISO-8601 time the run finished. */
  date: string;
  /** `process.version`. */
  node: string;
  machine: MachineInfo;
  results: BenchResult[];
}

/** Options of {@link writeResults}. */
export interface WriteResultsOptions {
  /** Folder that receives `results.json` and `RESULTS.md`. */
  dir: string;
  file: ResultsFile;
  /** Hand-written findings (profiles, misses and why) appended to RESULTS.md. @default none */
  notesPath?: string;
  /** Groups run, for the header (`--only` runs fewer). */
  groups: readonly string[];
}

function escapeCell(cell: string): string {
  return cell.replaceAll('|', '\\|');
}

/** The figures as a markdown table, notes in the last column. */
export function markdownTable(results: readonly BenchResult[]): string {
  const head = [...tableHeadings.slice(0, -1), 'verdict', 'note'];
  const rows = results.map((result) => [...resultCells(result), result.note ?? '']);
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** RESULTS.md: machine, Node, date, the table, missed targets, then the hand-written notes. */
export function resultsMarkdown(file: ResultsFile, groups: readonly string[], notes: string): string {
  const missed = file.results.filter((result) => verdictOf(result) === 'missed');
  const ties = file.results.filter((result) => verdictOf(result) === 'tie');
  const line = (result: BenchResult) => {
    const [low, high] = result.ratioRange;
    const spread = result.rounds > 1 ? ` (spread ${low.toFixed(2)}–${high.toFixed(2)})` : '';
    return `- \`${result.name}\`: ${result.ratio.toFixed(2)}×${spread} against ≥ ${result.target?.toFixed(2)}×`;
  };
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench`; do not edit by hand (edit `bench/notes.md`, which is appended below).',
    '',
    `- Date: ${file.date}`,
    `- Node: ${file.node}`,
    `- Machine: ${file.machine.description}`,
    `- Load average when the run started: ${file.machine.loadAverage} (other work on the machine makes figures noisy)`,
    `- Groups: ${groups.join(', ')}`,
    '',
    'Every ratio compares against a baseline measured in the same run, rounds interleaved; it is oriented so',
    'that higher is better (throughput: value ÷ baseline; time: baseline ÷ value). `spread` is the lowest and',
    'highest per-round ratio. A target is `met` when every round reached it, `MISSED` when none did, and a',
    '`tie` when it lies within the spread: the rounds disagree, so this run cannot tell.',
    '',
    markdownTable(file.results),
    '',
    '## Targets missed in this run',
    '',
    ...(missed.length === 0 ? ['None.'] : missed.map(line)),
    '',
    '## Ties: the target lies within the spread',
    '',
    ...(ties.length === 0 ? ['None.'] : ties.map(line)),
    '',
  ];
  return notes.trim() === '' ? lines.join('\n') : `${lines.join('\n')}\n${notes.trim()}\n`;
}

/** Writes `results.json` and `RESULTS.md` into `dir`. */
export async function writeResults(options: WriteResultsOptions): Promise<void> {
  const notes =
    options.notesPath === undefined ? '' : await readFile(options.notesPath, 'utf8').catch(() => '');
  await mkdir(options.dir, { recursive: true });
  await writeFile(join(options.dir, 'results.json'), `${JSON.stringify(options.file, null, 2)}\n`);
  await writeFile(join(options.dir, 'RESULTS.md'), resultsMarkdown(options.file, options.groups, notes));
}
