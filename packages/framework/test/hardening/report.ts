import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Counts for one class of requests on one adapter. */
export interface ClassTally {
  sent: number;
  accepted: number;
  refused: number;
  /** Responses by status, plus `closed` (no answer, connection closed) and `timeout`. */
  byStatus: Record<string, number>;
}

/** Tallies by adapter, then by class. */
export type Tallies = Record<string, Record<string, ClassTally>>;

/** Adds one outcome to the tallies. */
export function tally(
  tallies: Tallies,
  adapter: string,
  kind: string,
  accepted: boolean,
  status: string,
): void {
  tallies[adapter] ??= {};
  const byClass = tallies[adapter];
  byClass[kind] ??= { sent: 0, accepted: 0, refused: 0, byStatus: {} };
  const row = byClass[kind];
  row.sent += 1;
  if (accepted) row.accepted += 1;
  else row.refused += 1;
  row.byStatus[status] = (row.byStatus[status] ?? 0) + 1;
}

/** The tallies as a fixed-width table, one row per adapter and class. */
export function formatTable(tallies: Tallies, classes: readonly string[]): string {
  const rows: string[][] = [['adapter', 'class', 'sent', 'accepted', 'refused', 'statuses']];
  for (const [adapter, byClass] of Object.entries(tallies)) {
    let total: ClassTally = { sent: 0, accepted: 0, refused: 0, byStatus: {} };
    for (const kind of classes) {
      const row = byClass[kind];
      if (row === undefined) continue;
      total = {
        sent: total.sent + row.sent,
        accepted: total.accepted + row.accepted,
        refused: total.refused + row.refused,
        byStatus: merge(total.byStatus, row.byStatus),
      };
      rows.push([adapter, kind, String(row.sent), String(row.accepted), String(row.refused), statuses(row)]);
    }
    rows.push([
      adapter,
      'TOTAL',
      String(total.sent),
      String(total.accepted),
      String(total.refused),
      statuses(total),
    ]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function statuses(row: ClassTally): string {
  return Object.entries(row.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}:${count}`)
    .join(' ');
}

function merge(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** The repository root (this file is packages/framework/test/hardening/report.ts). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Writes a report under `.spoke/hardening/` (gitignored) and returns its path. */
export function writeReport(name: string, value: unknown): string {
  const path = resolve(repoRoot, '.spoke/hardening', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}
