import { loadRounds, metricOf, withServers } from './lib/measure-servers.ts';
import { median } from './lib/stats.ts';
const kinds = (process.argv[2] ?? 'node,spoke-node').split(',');
const settings = { connections: 10, rounds: 7, seconds: 2, warmupSeconds: 1, separate: true };
const samples = await withServers(kinds, settings, (servers) => loadRounds(servers, { kinds, ...settings }));
for (const kind of kinds) {
  const cpu = metricOf(samples, kind, 'cpuPerRequest');
  const rps = metricOf(samples, kind, 'rps');
  console.log(kind, 'cpu µs/resp median', median(cpu).toFixed(0), 'rps median', median(rps).toFixed(0), 'cpu rounds', cpu.map((v) => v.toFixed(0)).join(' '));
}
const [a, b] = kinds;
const ra = metricOf(samples, a ?? '', 'cpuPerRequest'); const rb = metricOf(samples, b ?? '', 'cpuPerRequest');
console.log(`per-round cpu ratio ${a}/${b}:`, median(ra.map((v, i) => v / (rb[i] ?? 1))).toFixed(2));
