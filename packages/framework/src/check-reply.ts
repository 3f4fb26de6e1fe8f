import {
  cardResponseIssues,
  formatSchemaIssues,
  parseConverterCardResponse,
  type SchemaIssue,
  schemaIssues,
} from '@spoke/protocol';
import type { Route } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import type { IncomingCall } from './incoming-call.ts';
import type { ResolvedConfig } from './resolve-config.ts';
import { errorReply, jsonReply, type PlainReply } from './respond.ts';

/**
 * Validates a handler's reply against the protocol schema before it leaves, as the bytes that go on
 * the wire. The usual reply (plain objects and arrays) is written by the route's serializer compiled
 * from the schema, which judges each value as it writes it: the text it returns is the text it
 * checked, with no read-back. Anything it is not sure of (invalid, a `toJSON`, a class instance) is
 * serialised first and the schema judges the JSON read back from that text, so a `toJSON`, a getter
 * or an `undefined` changes nothing between what was checked and what is sent. Valid → 200 with that text; invalid → logged, and a 500 REPLY_INVALID (issues in
 * development). A data fetch from HubSpot's card converter (it carries `appId`, which legacy cards
 * never send) is judged as the converter reads it: what only legacy HubSpot refused (six results, a
 * CURRENCY without `currencyCode`, an unknown `dataType`) is sent, with a warning in the log.
 */
export function checkReply(
  config: ResolvedConfig,
  route: Route,
  call: IncomingCall,
  reply: unknown,
): PlainReply {
  const written = route.serializeReply?.(reply);
  if (written !== undefined) return jsonReply(200, written);
  let text: string | undefined;
  try {
    text = JSON.stringify(reply);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return invalid(config, route, call, [{ path: '(root)', message: `cannot be serialised: ${message}` }]);
  }
  if (text === undefined) {
    return invalid(config, route, call, [
      { path: '(root)', message: `is ${typeof reply}, which is not JSON` },
    ]);
  }
  const sent: unknown = JSON.parse(text);
  // The quick check covers the usual valid reply; anything else gets the schema and its issues.
  const parsed = route.replyIsSurelyValid?.(sent) ? undefined : route.reply.safeParse(sent);
  if (parsed === undefined || parsed.success) return jsonReply(200, text);
  if (fromConverter(route, call)) {
    const converter = parseConverterCardResponse(sent);
    if (converter.result.success) {
      const { kind, path } = route.info;
      config.logger.warn(
        `[spoke] the ${kind} handler for ${call.method.toUpperCase()} ${path} returned a reply legacy HubSpot refused, sent because this request came from HubSpot's card converter (it carries appId), which renders it: ${formatSchemaIssues(converter.refusedByLegacy)}. Fix it if the service also serves legacy CRM cards (docs/framework.md).`,
        { route: path, kind, converter: true, issues: converter.refusedByLegacy },
      );
      return jsonReply(200, text);
    }
  }
  return invalid(config, route, call, explain(route, sent, parsed.error));
}

/** A data fetch sent by HubSpot's card converter: `hubspot.fetch` adds `appId`, legacy cards never do. */
function fromConverter(route: Route, call: IncomingCall): boolean {
  return route.info.kind === 'crm-card.fetch' && new URLSearchParams(call.url.search).has('appId');
}

/** The schema's issues; for a card reply, explained with the likely mistake (an action in `results`…). */
function explain(route: Route, reply: unknown, error: Parameters<typeof schemaIssues>[0]): SchemaIssue[] {
  if (route.info.kind === 'crm-card.fetch') {
    const explained = cardResponseIssues(reply);
    if (explained.length > 0) return explained;
  }
  return schemaIssues(error);
}

function invalid(
  config: ResolvedConfig,
  route: Route,
  call: IncomingCall,
  issues: SchemaIssue[],
): PlainReply {
  const { kind, path } = route.info;
  const where = `the ${kind} handler for ${call.method.toUpperCase()} ${path}`;
  const detailed = new SpokeFrameworkError(
    'REPLY_INVALID',
    `${where} returned a reply HubSpot would reject: ${formatSchemaIssues(issues)}. Fix the handler's return value.`,
  );
  config.logger.error(detailed.message, { route: path, kind, issues });
  if (config.development) {
    return errorReply(detailed.status, { code: detailed.code, message: detailed.message, issues });
  }
  const plain = new SpokeFrameworkError(
    'REPLY_INVALID',
    `${where} returned an invalid reply; the details are in the service log.`,
  );
  return errorReply(plain.status, { code: plain.code, message: plain.message });
}
