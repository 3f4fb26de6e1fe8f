import { formatSchemaIssues, protocolErrorCodes, type SchemaIssue, verifySignature } from '@spoke/protocol';
import { checkReply } from './check-reply.ts';
import type { Route } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import type { IncomingCall } from './incoming-call.ts';
import { readInput } from './read-input.ts';
import { type Refusal, refuse } from './refuse.ts';
import type { ResolvedConfig } from './resolve-config.ts';
import { resolveSignedUrl } from './resolve-signed-url.ts';
import { type CoreResult, errorReply, type PlainReply } from './respond.ts';
import type { RouteTable } from './route-table.ts';
import { runHandler } from './run-handler.ts';

/**
 * The core, shared by every adapter: route → read the raw body (capped, timed) → verify the
 * signature → parse → handler → validate the reply. Takes a plain call and answers a plain reply
 * (or a handler's own `Response`); every failure becomes a coded JSON reply, it never throws.
 */
export async function handleCall(
  config: ResolvedConfig,
  table: RouteTable,
  call: IncomingCall,
): Promise<CoreResult> {
  try {
    return await handle(config, table, call);
  } catch (thrown) {
    const error =
      thrown instanceof SpokeFrameworkError
        ? thrown
        : new SpokeFrameworkError(
            'HANDLER_FAILED',
            'the request could not be handled; see the service log.',
            {
              cause: thrown,
            },
          );
    if (error !== thrown)
      config.logger.error('[spoke] unexpected failure while handling a request', { error: thrown });
    return refuse(config.logger, error);
  }
}

async function handle(config: ResolvedConfig, table: RouteTable, call: IncomingCall): Promise<CoreResult> {
  const start = config.clock.now();
  const match = table.match(call.url.pathname, call.method);
  if (match.type !== 'found') return refuse(config.logger, noRoute(config, table, call, match));
  const { route } = match;
  const read = call.readBody(config);
  const body = read instanceof Uint8Array ? read : await read;
  const verdict = verifySignature({
    secrets: config.secrets,
    method: call.method,
    url: resolveSignedUrl(call, config),
    body,
    headers: call.headers,
    now: config.clock.now(),
    strict: config.strict,
  });
  if (!verdict.ok) {
    const hint = verdict.code === 'SIGNATURE_MISMATCH' ? ` ${urlHint(config)}` : '';
    const status = protocolErrorCodes[verdict.code];
    return refuse(config.logger, { status, code: verdict.code, message: `${verdict.message}${hint}` });
  }
  const prepared = route.prepare(readInput(route.input, call, body));
  if (!prepared.ok) return requestInvalid(config, route, call, prepared.issues);
  const outcome = await runHandler(config, {
    call,
    body,
    route,
    prepared,
    signatureVersion: verdict.version,
    start,
  });
  if (!outcome.ok) return handlerFailed(config, route, call, outcome.error);
  if (outcome.value instanceof Response) return outcome.value;
  return checkReply(config, route, call, outcome.value);
}

/** The ROUTE_NOT_FOUND / METHOD_NOT_ALLOWED refusal for a path and method without a route. */
function noRoute(
  config: ResolvedConfig,
  table: RouteTable,
  call: IncomingCall,
  match: { type: 'not-found' } | { type: 'method-not-allowed'; allow: readonly string[] },
): Refusal {
  const { pathname } = call.url;
  if (match.type === 'method-not-allowed') {
    const allow = match.allow.join(', ');
    const { status, code, message } = new SpokeFrameworkError(
      'METHOD_NOT_ALLOWED',
      `${pathname} does not answer ${call.method}; it answers ${allow}.`,
    );
    return { status, code, message, headers: { allow } };
  }
  // Listing the routes helps while developing; a production service does not advertise them.
  const known = table.list.map((route) => route.path).join(', ') || 'none yet';
  const listed = config.development ? ` (registered: ${known})` : '';
  const { status, code, message } = new SpokeFrameworkError(
    'ROUTE_NOT_FOUND',
    `no handler is registered for ${pathname}${listed}; check the URL in the app settings.`,
  );
  return { status, code, message };
}

// Where the hashed URL came from, so a mismatch behind a tunnel or proxy explains itself. docs/protocol.md §1
function urlHint(config: ResolvedConfig): string {
  if (config.publicUrl !== undefined)
    return `(Spoke hashed the URL built from publicUrl ${config.publicUrl}.)`;
  if (config.trustProxy) return '(Spoke hashed the URL built from X-Forwarded-Proto / X-Forwarded-Host.)';
  return '(Spoke hashed the URL the request arrived on; behind a tunnel or proxy set publicUrl to the URL HubSpot calls, or trustProxy.)';
}

function requestInvalid(
  config: ResolvedConfig,
  route: Route,
  call: IncomingCall,
  issues: SchemaIssue[],
): PlainReply {
  const { kind, path } = route.info;
  const error = new SpokeFrameworkError(
    'REQUEST_INVALID',
    `${call.method.toUpperCase()} ${path} is not a valid ${kind} request: ${formatSchemaIssues(issues)}.`,
  );
  return refuse(config.logger, { status: error.status, code: error.code, message: error.message, issues });
}

// Already reported through onError, so not logged again. The exception's message only in
// development; never its stack.
function handlerFailed(
  config: ResolvedConfig,
  route: Route,
  call: IncomingCall,
  thrown: unknown,
): PlainReply {
  const { kind, path } = route.info;
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const detail = config.development ? `threw: ${reason}.` : 'failed; the details are in the service log.';
  const error = new SpokeFrameworkError(
    'HANDLER_FAILED',
    `the ${kind} handler for ${call.method.toUpperCase()} ${path} ${detail}`,
  );
  return errorReply(error.status, { code: error.code, message: error.message });
}
