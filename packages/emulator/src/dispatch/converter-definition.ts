import {
  type ConverterCheckedDefinition,
  converterDefinitionIssues,
  type SchemaIssue,
} from '@spoke/protocol';
import type { Verdict } from './exchange.ts';

/** What the converter makes of a card definition before it fetches anything. */
export interface ConverterDefinitionCheck {
  /**
   * The lines the converter lists under "Configuration Issues Detected", in its words and order;
   * empty when it fetches the card.
   */
  converterLines: string[];
  /** The same problems for the inspector: the definition's path (`definition.…`) and the fix. */
  issues: SchemaIssue[];
  /** The exchange's main error when the converter refuses the definition, else null. */
  message: string | null;
  /** Problems the converter has with a definition on this machine only (a localhost baseUrl). */
  warnings: Verdict[];
}

/**
 * Checks a card definition as HubSpot's Legacy CRM Card Converter does before it fetches
 * ({@link converterDefinitionIssues}). A baseUrl on this machine is a warning, not a refusal (a
 * production definition names a public domain), and nothing when the app has a `publicUrl`, which is
 * the address production would list. DISPATCH_CONVERTER_DEFINITION_INVALID, _LOCAL.
 */
export function checkConverterDefinition(
  card: ConverterCheckedDefinition,
  options: { publicUrl?: string | null | undefined },
): ConverterDefinitionCheck {
  const found = converterDefinitionIssues(card);
  const refused = found.filter((issue) => !issue.local);
  const warnings: Verdict[] = options.publicUrl
    ? []
    : found
        .filter((issue) => issue.local)
        .map((issue) => ({
          code: 'DISPATCH_CONVERTER_DEFINITION_LOCAL',
          severity: 'warning',
          path: `definition.${issue.path}`,
          message: `${issue.message}. In production the converter would list "${issue.converterMessage}" and show no card.`,
        }));
  if (refused.length === 0) return { converterLines: [], issues: [], message: null, warnings };
  const issues = refused.map((issue) => ({
    path: `definition.${issue.path}`,
    message: `${issue.message} (the converter lists "${issue.converterMessage}")`,
  }));
  const count = refused.length === 1 ? 'a problem' : `${refused.length} problems`;
  const message = `not sent: HubSpot's Legacy CRM Card Converter checks the card definition before it fetches and refuses card ${JSON.stringify(card.title)} for ${count}, so the record page shows "Configuration Issues Detected" and no card: ${issues
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ')}. Fix the definition (developer API or spoke.config.json) and push it again.`;
  return { converterLines: refused.map((issue) => issue.converterMessage), issues, message, warnings };
}
