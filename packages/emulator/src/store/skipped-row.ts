import type { SkippedRow } from './collection.ts';

/** What the emulator logs for a row it left out at start: what is wrong and how to repair it. */
export function skippedRowMessage(row: SkippedRow): string {
  return `[spoke] ${row.table} row ${row.id} in the data file does not decode, so the emulator left it out (${row.reason}). To delete it, export the state (GET /_spoke/state?includeSecrets=true leaves the row out) and import that file (PUT /_spoke/state); to fix it, add the row back corrected to the file before importing. The import names any row that still refers to it.`;
}
