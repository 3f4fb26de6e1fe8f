// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure width
const ansi = /\u001b\[[0-9;]*m/g;

function width(text: string): number {
  return [...text.replace(ansi, '')].length;
}

/**
 * Lays rows out as aligned columns separated by two spaces; the last column is not padded.
 * Cells may contain colour codes.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd();
  return `${all.map(line).join('\n')}\n`;
}
