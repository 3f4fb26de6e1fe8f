import { randomUUID } from 'node:crypto';
import {
  actionUrlViolations,
  type CardDefinition,
  cardResponseIssues,
  cardResponseWarnings,
  normalizeCardResponse,
  type ObjectTypeName,
  type PlatformMode,
  parseCardResponse,
  parseConverterCardResponse,
  type RenderedCard,
} from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import { checkConverterDefinition } from './converter-definition.ts';
import { type DispatchApp, type DispatchOptions, permittedFetchUrls } from './dispatch-options.ts';
import type { Exchange } from './exchange.ts';
import { appendQuery, encodeFields, type Field } from './query.ts';
import { defaultFields, notePropertiesNotSent, propertyFields, type RecordScope } from './record-fields.ts';
import {
  type SendExchangeOptions,
  sendOnce,
  sendWithHubSpotFetchRetry,
  unsentExchange,
} from './send-exchange.ts';
import {
  failExchange,
  markReplyValid,
  readJsonReply,
  recordReplyWarnings,
  recordSchemaIssues,
} from './verdicts.ts';

/** The parts of a card definition a data fetch needs; a stored `CardDefinition` fits. */
export type DispatchCard = Pick<CardDefinition, 'title' | 'fetch' | 'display' | 'actions'> & { id?: string };

/** Options of {@link dispatchCardFetch}. */
export interface DispatchCardFetchOptions extends DispatchOptions, RecordScope {
  card: DispatchCard;
  app: DispatchApp;
  /**
   * `legacy` CRM cards or HubSpot's Legacy CRM Card Converter. docs/protocol.md §2.4.
   * @default 'legacy'
   */
  mode?: PlatformMode;
  /**
   * Converter mode: check the card definition as the converter does before it fetches, and send
   * nothing when it refuses it. False for a card that is no stored definition (`spoke trigger --url`
   * builds one from its options). @default true
   */
  checkDefinition?: boolean;
}

/** A data fetch and the card it renders (null when the platform would show an error instead). */
export interface CardFetchResult {
  /** The last attempt, whose reply the card renders. */
  exchange: Exchange;
  card: RenderedCard | null;
  /** Earlier attempts hubspot.fetch sent again (converter mode: one, after a 5xx or a connection failure). */
  retried: Exchange[];
  /**
   * Converter mode: the lines HubSpot's converter lists under "Configuration Issues Detected" when
   * it refuses the card definition (nothing was fetched). Absent otherwise.
   */
  configurationIssues?: string[];
}

/** True when the card is defined for records of this object type. */
export function cardAppliesTo(card: DispatchCard, objectType: ObjectTypeName): boolean {
  return card.fetch.objectTypes.some((entry) => entry.name === objectType);
}

/**
 * The data-fetch URL: `targetUrl` (its own query kept) plus the five default parameters, the
 * record's `propertiesToSend` values it has, and `appId` in converter mode. The converter joins with
 * `?` whatever the targetUrl holds (`…?tenant=acme?userId=1…`), as production does
 * ({@link converterQueryWarning}). docs/protocol.md §2.2, §2.4.
 */
export function cardFetchUrl(options: Omit<DispatchCardFetchOptions, keyof DispatchOptions>): string {
  const { card, record, app } = options;
  const mode = options.mode ?? 'legacy';
  const objectType = card.fetch.objectTypes.find((entry) => entry.name === record.objectType);
  if (!objectType) {
    const listed = card.fetch.objectTypes.map((entry) => entry.name).join(', ');
    throw new SpokeEmulatorError(
      'DISPATCH_CARD_NOT_FOR_OBJECT_TYPE',
      `card ${card.id ?? card.title} is defined for ${listed}, not ${record.objectType}; only fetch it for records of those types (cardAppliesTo).`,
    );
  }
  const fields: Field[] = [...defaultFields(options), ...propertyFields(objectType.propertiesToSend, record)];
  if (mode === 'converter') {
    fields.push(['appId', String(app.id)]);
    // The converter builds its query like URLSearchParams and drops empty values, then writes
    // `${targetUrl}?${query}` without looking at the targetUrl: a second `?` when it has a query.
    // docs/protocol.md §2.4.
    const query = encodeFields(
      fields.filter(([, value]) => value !== ''),
      'form',
    );
    return query === '' ? card.fetch.targetUrl : `${card.fetch.targetUrl}?${query}`;
  }
  return appendQuery(card.fetch.targetUrl, encodeFields(fields, 'component'));
}

/**
 * The inspector's warning for a converter-mode data fetch whose `targetUrl` has its own query: what
 * the service receives in production (the first of the converter's parameters swallowed by the last
 * of the targetUrl's). Null when the targetUrl has no query.
 */
export function converterQueryWarning(targetUrl: string, url: string): string | null {
  const mark = targetUrl.indexOf('?');
  if (mark === -1 || !URL.canParse(url)) return null;
  const sent = url.slice(targetUrl.length + 1);
  const first = decodeURIComponent((sent.split('&')[0] ?? '').split('=')[0] ?? '');
  const received = [...new URL(url).searchParams];
  const swallower = received.find(([, value]) => value.includes(`?${first}=`));
  const effect = swallower
    ? `its ${swallower[0]} parameter arrives as ${JSON.stringify(swallower[1])}`
    : `it arrives as a parameter named ${JSON.stringify(`?${first}`)}`;
  if (mark === targetUrl.length - 1) {
    return `in production the service receives no ${first}: the targetUrl ends in "?" and the converter appends another, so ${effect}. Spoke sends the same URL. Remove the trailing "?" from the targetUrl.`;
  }
  return `in production the service receives no ${first}: the converter appends a second "?" to a targetUrl that has its own query (${targetUrl.slice(mark)}), so ${effect}. Spoke sends the same URL. Move the targetUrl's query into its path.`;
}

const actionUriPath =
  /(^|\.)(actions\.\d+|primaryAction|secondaryActions\.\d+|settingsAction|primary|secondary\.\d+|settings)\.(uri|url)$/;

/**
 * Judges a data-fetch reply as HubSpot does: JSON, either response format, the schema (at most five
 * results), action URIs within `actions.baseUrls`, known data types. Returns the card or null. In
 * converter mode what only legacy HubSpot refused (six results, a CURRENCY without `currencyCode`, an
 * unknown or lower-case `dataType`) renders, each a DISPATCH_CONVERTER_LENIENT warning.
 */
export function judgeCardReply(
  exchange: Exchange,
  options: { card: DispatchCard; mode?: PlatformMode },
): RenderedCard | null {
  const json = readJsonReply(exchange);
  if (!json.ok) return null;
  const parsed = parseCardResponse(json.value);
  const strict =
    parsed.format === 'legacy'
      ? parsed.result.success
        ? { format: 'legacy' as const, value: parsed.result.data }
        : null
      : parsed.result.success
        ? { format: 'sections' as const, value: parsed.result.data }
        : null;
  // Converter mode reads the legacy reply as the converter does: what only legacy HubSpot refused
  // (six results, a CURRENCY without currencyCode, an unknown dataType) renders, with a warning.
  const lenient =
    !strict && parsed.format === 'legacy' && options.mode === 'converter'
      ? parseConverterCardResponse(json.value)
      : null;
  const response = lenient?.result.success
    ? { format: 'legacy' as const, value: lenient.result.data }
    : strict;
  for (const warning of lenient?.result.success ? lenient.refusedByLegacy : []) {
    exchange.verdicts.push({
      code: 'DISPATCH_CONVERTER_LENIENT',
      severity: 'warning',
      message: warning.message,
      path: warning.path,
    });
  }
  recordReplyWarnings(
    exchange,
    cardResponseWarnings(json.value, {
      displayPropertyNames: options.card.display.properties.map((property) => property.name),
    }),
  );
  if (parsed.format === 'sections' && options.mode === 'converter') {
    // The converter reads only `results` (results.map): a sections reply is its error state.
    const message =
      'the Legacy CRM Card Converter does not support the sections format: it reads `results` and fails on `results.map`, so the card shows its error state; reply with the legacy `results` format';
    exchange.schemaIssues.push({ path: 'sections', message });
    failExchange(exchange, 'DISPATCH_REPLY_INVALID', message, 'sections');
    return null;
  }
  if (!response) {
    // Every problem in one pass: the schema's, explained, and the action URLs it did not reach.
    recordSchemaIssues(exchange, cardResponseIssues(json.value));
    const urls = actionUrlViolations(json.value, {
      baseUrls: options.card.actions.baseUrls,
      mode: options.mode ?? 'legacy',
    });
    for (const violation of urls) {
      exchange.schemaIssues.push(violation);
      failExchange(exchange, 'CARD_ACTION_OUTSIDE_BASE_URLS', violation.message, violation.path);
    }
    return null;
  }
  const { card, violations, warnings } = normalizeCardResponse(response, {
    displayProperties: options.card.display.properties,
    baseUrls: options.card.actions.baseUrls,
    mode: options.mode ?? 'legacy',
  });
  // Converter mode: URIs legacy HubSpot refused but the converter renders (what a click does), and
  // card-settings values it shows otherwise.
  for (const warning of warnings) {
    exchange.verdicts.push({
      // An action URI, else a card-settings value the converter shows otherwise.
      code: actionUriPath.test(warning.path)
        ? 'CARD_ACTION_OUTSIDE_BASE_URLS'
        : 'DISPATCH_CONVERTER_VALUE_MISREAD',
      severity: 'warning',
      message: warning.message,
      path: warning.path,
    });
  }
  for (const violation of violations) {
    exchange.schemaIssues.push(violation);
    // An action's URI; the rest are values the platform cannot show (data type, currency, date).
    const code = actionUriPath.test(violation.path)
      ? 'CARD_ACTION_OUTSIDE_BASE_URLS'
      : 'DISPATCH_REPLY_INVALID';
    failExchange(exchange, code, violation.message, violation.path);
  }
  if (exchange.outcome !== 'ok') return null;
  markReplyValid(exchange, `${card.format} card with ${card.items.length} item(s)`);
  return card;
}

/**
 * Fetches one card for a record: a signed GET to the card's `targetUrl`, judged as HubSpot judges it.
 * Never throws for what the service does; throws DISPATCH_CARD_NOT_FOR_OBJECT_TYPE on misuse.
 * @example
 * const { exchange, card } = await dispatchCardFetch({ card, record, app, portal, user, transport, clock: Date.now });
 */
export async function dispatchCardFetch(options: DispatchCardFetchOptions): Promise<CardFetchResult> {
  const { card, record, app } = options;
  const mode = options.mode ?? 'legacy';
  const url = cardFetchUrl(options);
  // Converter: hubspot.fetch with the converter's 5 s (the transport's deadline) and one retry.
  const send = mode === 'converter' ? sendWithHubSpotFetchRetry : sendOnce;
  const sendOptions: SendExchangeOptions = {
    ...options,
    kind: 'crm-card.fetch',
    appId: app.id,
    secret: app.clientSecret,
    publicUrl: app.publicUrl,
    permittedFetchUrls: permittedFetchUrls(app),
    method: 'GET',
    url,
    context: {
      cardId: card.id ?? null,
      cardTitle: card.title,
      recordId: String(record.id),
      objectType: record.objectType,
      mode,
    },
  };
  // The converter checks the definition before it fetches; when it refuses it, nothing is sent.
  const definition =
    mode === 'converter' && options.checkDefinition !== false
      ? checkConverterDefinition(card, { publicUrl: app.publicUrl })
      : null;
  if (definition?.message) {
    const uuid = options.randomUUID ?? randomUUID;
    const refused = unsentExchange(sendOptions, {
      id: uuid(),
      correlationId: uuid(),
      startedAt: options.clock(),
      body: '',
      message: definition.message,
      code: 'DISPATCH_CONVERTER_DEFINITION_INVALID',
    });
    refused.schemaIssues.push(...definition.issues);
    return { exchange: refused, card: null, retried: [], configurationIssues: definition.converterLines };
  }
  const { exchange, retried } = await send(sendOptions);
  exchange.verdicts.push(...(definition?.warnings ?? []));
  const broken = mode === 'converter' ? converterQueryWarning(card.fetch.targetUrl, url) : null;
  if (broken) {
    exchange.verdicts.push({ code: 'DISPATCH_CONVERTER_QUERY_BROKEN', severity: 'warning', message: broken });
  }
  const objectType = card.fetch.objectTypes.find((entry) => entry.name === record.objectType);
  for (const attempt of [...retried, exchange]) {
    notePropertiesNotSent(attempt, objectType?.propertiesToSend ?? [], record, 'propertiesToSend');
  }
  return { exchange, card: judgeCardReply(exchange, { card, mode }), retried };
}
