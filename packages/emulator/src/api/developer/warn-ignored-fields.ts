import type { SchemaIssue } from '@spoke/protocol';
import type { Context } from 'hono';
import { errorDocUrl } from '../../errors.ts';
import type { ApiContext } from '../api-context.ts';

/** How many `Warning` headers one answer carries; the last says how many more there were. */
const maxWarnings = 20;

/** A header-safe quoted string: printable ASCII only, `"` and `\` escaped. */
export function quoted(text: string): string {
  return `"${text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/**
 * Tells the developer about fields HubSpot ignored in a request body, without changing HubSpot's
 * answer: one `Warning: 299 spoke "path: message"` header each (the code Kubernetes and others use
 * for "your request worked, but"), and one line in the emulator's log. API_FIELD_IGNORED.
 */
export function warnIgnoredFields(
  c: Context,
  ctx: Pick<ApiContext, 'logger'>,
  warnings: readonly SchemaIssue[],
): void {
  if (warnings.length === 0) return;
  const lines = warnings.map((warning) => `${warning.path}: ${warning.message}`);
  const shown =
    lines.length > maxWarnings
      ? [...lines.slice(0, maxWarnings - 1), `and ${lines.length - maxWarnings + 1} more`]
      : lines;
  for (const line of shown) c.header('Warning', `299 spoke ${quoted(line)}`, { append: true });
  ctx.logger.warn(
    `[spoke] ${c.req.method} ${c.req.path}: HubSpot ignores ${warnings.length === 1 ? 'a field' : `${warnings.length} fields`} of the body: ${shown.join('; ')}. See ${errorDocUrl('API_FIELD_IGNORED')}`,
    { code: 'API_FIELD_IGNORED', warnings },
  );
}
