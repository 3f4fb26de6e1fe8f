// `npm run bench [-- --quick] [-- --only <group>[,<group>]] [-- --out <dir>] [-- --merge] [-- --render]`
// Runs the benchmark groups, prints a table, and (full runs only) writes bench/results.json and
// bench/RESULTS.md. Quick runs and --only runs write nothing unless --out names a folder or
// --merge is given: --merge replaces the figures of the groups run in bench/results.json (or
// --out's) and keeps the others, so one group can be re-measured without a full run.
// --render measures nothing: it rewrites RESULTS.md from results.json and bench/notes.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchGroups } from './groups.ts';
import type { BenchResult } from './lib/bench-result.ts';
import { formatTable } from './lib/format-table.ts';
import { machineInfo } from './lib/machine-info.ts';
import { type ResultsFile, writeResults } from './lib/write-results.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

/** Parsed command line of `bench/run.ts`. */
export interface RunArgs {
  quick: boolean;
  only: string[];
  out: string | undefined;
  /** Measure nothing: rewrite RESULTS.md from results.json and notes.md (after editing the notes). */
  render: boolean;
  /** Keep the figures of groups not run from the existing results.json. */
  merge: boolean;
}

/** Reads `--quick`, `--only a,b` (repeatable) and `--out <dir>`; rejects unknown groups. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
      render: { type: 'boolean', default: false },
      merge: { type: 'boolean', default: false },
    },
  });
  const only = (values.only ?? []).flatMap((value) => value.split(',')).filter((name) => name !== '');
  const unknown = only.filter((name) => !(name in benchGroups));
  if (unknown.length > 0) {
    throw new Error(
      `[bench] unknown group ${unknown.join(', ')}; groups: ${Object.keys(benchGroups).join(', ')}`,
    );
  }
  return {
    quick: values.quick ?? false,
    only,
    out: values.out,
    render: values.render ?? false,
    merge: values.merge ?? false,
  };
}

const notesPath = fileURLToPath(new URL('notes.md', import.meta.url));

async function render(dir: string): Promise<void> {
  const file = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  const groups = Object.keys(benchGroups);
  await writeResults({ dir, file, notesPath, groups });
  console.log(`[bench] rewrote RESULTS.md in ${dir} from results.json and notes.md`);
}

/** The figures of an earlier results.json that this run did not measure again (matched by name). */
async function keptResults(dir: string, fresh: readonly BenchResult[]): Promise<BenchResult[]> {
  const earlier = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  const names = new Set(fresh.map((result) => result.name));
  return earlier.results.filter((result) => !names.has(result.name));
}

async function main(): Promise<void> {
  const args = parseRunArgs(process.argv.slice(2));
  if (args.render) {
    await render(args.out ?? benchDir);
    return;
  }
  const names = args.only.length > 0 ? args.only : Object.keys(benchGroups);
  const machine = machineInfo();
  console.log(
    `[bench] ${args.quick ? 'quick' : 'full'} run on ${machine.description}, Node ${process.version}`,
  );
  console.log(`[bench] load average ${machine.loadAverage}; other work on the machine makes figures noisy`);
  const results: BenchResult[] = [];
  for (const name of names) {
    const group = benchGroups[name];
    if (group === undefined) continue;
    const started = performance.now();
    const groupResults = await group({ quick: args.quick });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\n[bench] ${name} (${seconds} s)\n${formatTable(groupResults)}`);
    results.push(...groupResults);
  }
  const dir = args.out ?? (args.merge || (!args.quick && args.only.length === 0) ? benchDir : undefined);
  if (dir === undefined) {
    console.log('\n[bench] nothing written (quick or --only run; pass --out <dir> or --merge to write)');
    return;
  }
  const kept = args.merge ? await keptResults(dir, results) : [];
  await writeResults({
    dir,
    file: { date: new Date().toISOString(), node: process.version, machine, results: [...kept, ...results] },
    notesPath,
    groups: args.merge ? Object.keys(benchGroups) : names,
  });
  console.log(`\n[bench] wrote results.json and RESULTS.md to ${dir}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
