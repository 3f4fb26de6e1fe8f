import type { Database, Row } from '../db/database.ts';
import { intColumn, optionalTextColumn, textColumn } from '../db/row-values.ts';
import type { NewSupportLine, SupportLine } from '../domain/support-line.ts';

/** The support team's phone lines, in the order the help desk lists them. */
export interface SupportLineRepository {
  list(): Promise<SupportLine[]>;
  /** Appends a line at the end of the list. */
  add(line: NewSupportLine): Promise<SupportLine>;
}

const toLine = (row: Row): SupportLine => ({
  id: intColumn(row, 'id'),
  e164: textColumn(row, 'e164'),
  extension: optionalTextColumn(row, 'extension'),
  friendlyName: textColumn(row, 'friendly_name'),
});

/** Creates the support-line repository on `db`. */
export function createSupportLineRepository(db: Database): SupportLineRepository {
  return {
    list: async () =>
      (
        await db.query('SELECT id, e164, extension, friendly_name FROM support_lines ORDER BY position, id')
      ).map(toLine),
    add: (line) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query(
          `INSERT INTO support_lines (e164, extension, friendly_name, position)
           VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM support_lines))
           RETURNING id, e164, extension, friendly_name`,
          [line.e164, line.extension, line.friendlyName],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toLine(row);
      }),
  };
}
