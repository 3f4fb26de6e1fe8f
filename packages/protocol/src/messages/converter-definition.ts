import { z } from 'zod';
import type { SchemaIssue } from '../schema-issues.ts';
import type { cardDefinitionCreateSchema } from './card-definition.ts';
import { dataTypeSchema, objectTypeNameSchema } from './common.ts';

/**
 * The object types HubSpot's Legacy CRM Card Converter takes: the developer API's, without
 * `marketing_events`. docs/migration.md.
 */
export const converterObjectTypeSchema = objectTypeNameSchema.exclude(['marketing_events']);

/** The display-property data types the converter takes: the developer API's, without BOOLEAN. */
export const converterDataTypeSchema = dataTypeSchema.exclude(['BOOLEAN']);

/** A card definition as the developer API takes it (`options` may be absent). */
export type ConverterCheckedDefinition = Pick<
  z.input<typeof cardDefinitionCreateSchema>,
  'title' | 'fetch' | 'display'
> & { actions?: { baseUrls: readonly string[] } | undefined };

/** One reason the converter refuses a card definition. */
export interface ConverterDefinitionIssue extends SchemaIssue {
  /** The line the converter lists under "Validation Errors", word for word. */
  converterMessage: string;
  /**
   * A baseUrl on this machine (`localhost`, `127.0.0.1`, `[::1]`): the converter refuses it too, but
   * a production definition names a public domain instead, so Spoke warns and still renders the card.
   */
  local?: true;
}

/** The converter's text for an object type it does not take, as its schema library words it. */
const objectTypeMessage = `Invalid option: expected one of ${converterObjectTypeSchema.options
  .map((name) => JSON.stringify(name))
  .join('|')}`;

const baseUrlMessage = 'Each baseUrl must be a valid Web URL';

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname.toLowerCase())
  );
}

/** Why the converter refuses a baseUrl's host, or null when it takes it (a domain name). */
function hostProblem(hostname: string): string | null {
  // The converter's rule: the host must match its schema library's domain pattern.
  if (z.regexes.domain.test(hostname)) return null;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'localhost';
  if (/^[\d.]+$/.test(hostname) || hostname.startsWith('[')) return `the IP address ${hostname}`;
  if (!hostname.includes('.')) return `the single-label host ${hostname}`;
  return `the host ${hostname}`;
}

function propertyProblems(property: ConverterCheckedDefinition['display']['properties'][number]): string[] {
  const problems: string[] = [];
  const { dataType, options } = property;
  if (!converterDataTypeSchema.safeParse(dataType).success) {
    const hint = dataType === 'BOOLEAN' ? ' and send "Yes" or "No"' : '';
    problems.push(
      `the converter has no ${dataType} display property (it takes ${converterDataTypeSchema.options.join(', ')}): use STRING${hint}`,
    );
  }
  if (options === undefined) {
    problems.push(
      dataType === 'STATUS'
        ? 'has no `options`: the converter resolves a STATUS only through them, so list them'
        : 'has no `options`: the converter requires it on every display property; add `"options": []`',
    );
  } else if (dataType !== 'STATUS' && options.length > 0) {
    problems.push(
      `has \`options\` but is a ${dataType}: the converter takes options only on STATUS; make it []`,
    );
  }
  return problems;
}

/**
 * Every reason HubSpot's Legacy CRM Card Converter refuses a card definition: it checks the
 * definition before it fetches anything and, when one fails, shows only "Configuration Issues
 * Detected" with these lines. One issue per line the converter lists (`converterMessage`, its
 * words), in its order, each with the path and a fix. Empty when the converter renders the card.
 * Checks: a non-empty title and targetUrl, at least one object type, only contacts, companies,
 * deals and tickets, at least one display property, each with `options` (`[]` but for STATUS) and
 * a data type other than BOOLEAN, and every baseUrl an http(s) URL on a domain name. docs/migration.md.
 * @example converterDefinitionIssues({ title: 'T', fetch, display: { properties: [] }, actions })
 * // [{ path: 'display.properties', converterMessage: 'display.properties (at least one property required)', … }]
 */
export function converterDefinitionIssues(
  definition: ConverterCheckedDefinition,
): ConverterDefinitionIssue[] {
  const issues: ConverterDefinitionIssue[] = [];
  if (definition.title === '') {
    issues.push({
      path: 'title',
      message: 'must not be empty: the converter shows it as the card title',
      converterMessage: 'title should be a non-empty string but got empty string',
    });
  }
  if (definition.fetch.targetUrl === '') {
    issues.push({
      path: 'fetch.targetUrl',
      message: 'must not be empty: the converter fetches it',
      converterMessage: 'fetch.targetUrl should be a non-empty string but got empty string',
    });
  }
  if (definition.fetch.objectTypes.length === 0) {
    issues.push({
      path: 'fetch.objectTypes',
      message: 'must list at least one object type',
      converterMessage: 'fetch.objectTypes (at least one object type required)',
    });
  }
  definition.fetch.objectTypes.forEach((objectType, i) => {
    if (converterObjectTypeSchema.safeParse(objectType.name).success) return;
    issues.push({
      path: `fetch.objectTypes.${i}.name`,
      message: `the converter does not take ${objectType.name} (only ${converterObjectTypeSchema.options.join(', ')}), so it refuses the whole card; keep marketing events out of the converted card`,
      converterMessage: objectTypeMessage,
    });
  });
  const properties = definition.display.properties;
  if (properties.length === 0) {
    issues.push({
      path: 'display.properties',
      message:
        'is empty: the converter needs at least one display property, e.g. {"name": "status", "label": "Status", "dataType": "STRING", "options": []}',
      converterMessage: 'display.properties (at least one property required)',
    });
  }
  properties.forEach((property, i) => {
    const problems = propertyProblems(property);
    if (problems.length === 0) return;
    // The converter lists one line per property, whatever is wrong with it.
    issues.push({
      path: `display.properties.${i}`,
      message: `${property.name}: ${problems.join('; ')}`,
      converterMessage: 'Invalid input',
    });
  });
  (definition.actions?.baseUrls ?? []).forEach((baseUrl, i) => {
    const path = `actions.baseUrls.${i}`;
    if (!URL.canParse(baseUrl.trim())) {
      issues.push({ path, message: 'is not a URL', converterMessage: baseUrlMessage });
      return;
    }
    const url = new URL(baseUrl.trim());
    const host = hostProblem(url.hostname);
    if (host !== null) {
      const local = isLoopback(url.hostname);
      issues.push({
        path,
        message: local
          ? `the converter takes a baseUrl only on a domain name, not ${host}; a production definition names your public domain, so Spoke renders the card locally (set the app's publicUrl to test the public form)`
          : `the converter takes a baseUrl only on a domain name, not ${host}; use the service's public domain`,
        converterMessage: baseUrlMessage,
        ...(local ? { local: true as const } : {}),
      });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      issues.push({ path, message: 'must be http or https', converterMessage: baseUrlMessage });
    }
  });
  return issues;
}
