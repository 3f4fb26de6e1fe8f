/**
 * Rewrites `?` placeholders to Postgres's `$1, $2, …`. The tracker's statements keep values out
 * of the SQL text, so a `?` inside a quoted literal is left alone but never expected.
 */
export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  let quoted = false;
  let out = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    if (char === '?' && !quoted) {
      index += 1;
      out += `$${index}`;
    } else {
      out += char;
    }
  }
  return out;
}
