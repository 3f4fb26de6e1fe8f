// Usage: node --import tsx bench/top-frames.ts <file.cpuprofile> [count]
// Prints the functions with the most self time in a V8 CPU profile (from `--cpu-prof`).
import { readFile } from 'node:fs/promises';

/** The parts of a `.cpuprofile` this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of the samples. */
export interface Frame {
  name: string;
  where: string;
  selfMs: number;
  selfPct: number;
}

/** Self time per function (summed over call sites), largest first. */
export function topFrames(profile: CpuProfile, count: number): Frame[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id);
    const us = profile.timeDeltas[index] ?? 0;
    if (frame === undefined) return;
    total += us;
    const where = `${frame.url.replace(/^.*\/(node_modules|packages|bench)\//, '$1/')}:${frame.lineNumber + 1}`;
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = self.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((entry) => ({
      name: entry.name,
      where: entry.where,
      selfMs: Math.round(entry.us / 100) / 10,
      selfPct: Math.round((entry.us / total) * 1000) / 10,
    }));
}

async function main(): Promise<void> {
  const [path, count = '25'] = process.argv.slice(2);
  if (path === undefined) throw new Error('usage: top-frames.ts <file.cpuprofile> [count]');
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  for (const frame of topFrames(profile, Number(count))) {
    console.log(
      `${frame.selfPct.toFixed(1).padStart(5)}%  ${frame.selfMs.toFixed(1).padStart(8)} ms  ${frame.name}  ${frame.where}`,
    );
  }
}

if (process.argv[1]?.endsWith('top-frames.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
