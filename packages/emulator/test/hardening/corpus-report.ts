import type { CaseClass } from './hostile-cases.ts';

/** Counts of one class of requests in one API family. */
export interface ClassTally {
  sent: number;
  accepted: number;
  /** Refusals by HTTP status. */
  refused: Record<string, number>;
}

export type CorpusTally = Record<string, Partial<Record<CaseClass, ClassTally>>>;

export function addToTally(tally: CorpusTally, family: string, cls: CaseClass, status: number): void {
  const byClass = tally[family] ?? {};
  tally[family] = byClass;
  const entry = byClass[cls] ?? { sent: 0, accepted: 0, refused: {} };
  byClass[cls] = entry;
  entry.sent += 1;
  if (status < 300) entry.accepted += 1;
  else entry.refused[status] = (entry.refused[status] ?? 0) + 1;
}

/** The tally as a Markdown table (family, class, sent, accepted, refused by status). */
export function tallyTable(tally: CorpusTally): string {
  const rows = ['| family | class | sent | accepted | refused (status: count) |', '|---|---|---:|---:|---|'];
  for (const [family, byClass] of Object.entries(tally)) {
    for (const [cls, t] of Object.entries(byClass)) {
      const refused = Object.entries(t.refused)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', ');
      rows.push(`| ${family} | ${cls} | ${t.sent} | ${t.accepted} | ${refused || '—'} |`);
    }
  }
  return rows.join('\n');
}
