import { type CardDefinition, converterDefinitionIssues } from '@spoke/protocol';
import type { Context } from 'hono';
import { errorDocUrl } from '../../errors.ts';
import type { App } from '../../store/entities.ts';
import type { ApiContext } from '../api-context.ts';
import { quoted } from './warn-ignored-fields.ts';

/**
 * Tells the developer, when a card definition is stored for an app in converter mode, that HubSpot's
 * Legacy CRM Card Converter refuses it (its record pages would show "Configuration Issues
 * Detected"), without changing HubSpot's answer: one `Warning: 299 spoke "path: …"` header per
 * problem, and one line in the emulator's log. A baseUrl on this machine is left out (the card still
 * renders locally). API_CONVERTER_DEFINITION_REFUSED. Also for each card of an app switched to
 * converter mode (`PATCH /_spoke/apps/{appId}`), whose lines then start with the card's id.
 */
export async function warnConverterDefinition(
  c: Context,
  ctx: Pick<ApiContext, 'logger' | 'platform'>,
  app: App,
  card: CardDefinition,
  /** The app was just switched to converter mode (rather than the card stored): lines name the card. */
  switched = false,
): Promise<void> {
  if ((app.mode ?? (await ctx.platform.mode())) !== 'converter') return;
  const refused = converterDefinitionIssues(card).filter((issue) => !issue.local);
  if (refused.length === 0) return;
  const lines = refused.map(
    (issue) =>
      `${switched ? `card ${card.id} ` : ''}${issue.path}: app ${app.id} is in converter mode, and HubSpot's card converter refuses this definition: ${issue.message} (it lists "${issue.converterMessage}")`,
  );
  for (const line of lines) c.header('Warning', `299 spoke ${quoted(line)}`, { append: true });
  ctx.logger.warn(
    `[spoke] ${c.req.method} ${c.req.path}: ${switched ? `card ${card.id} was stored before the switch` : `card ${card.id} is stored`}, but app ${app.id} is in converter mode and the converter would show "Configuration Issues Detected" instead of it: ${lines.join('; ')}. See ${errorDocUrl('API_CONVERTER_DEFINITION_REFUSED')}`,
    { code: 'API_CONVERTER_DEFINITION_REFUSED', issues: refused },
  );
}
