import { formatSchemaIssues, protocolErrorCodes, type SchemaIssue, verifySignature } from '@spoke/protocol';
import { checkReply } from './check-reply.ts';
import type { Route } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import { readBody } from './read-body.ts';
import { readInput } from './read-input.ts';
import { type Refusal, refuse } from './refuse.ts';
import type { ResolvedConfig } from './resolve-config.ts';
import { resolveSignedUrl } from './resolve-signed-url.ts';
import { errorResponse } from './respond.ts';
import type { RouteTable } from './route-table.ts';
import { runHandler } from './run-handler.ts';

/**
 * The fetch-shaped core: route → read the raw body (capped) → verify the signature → parse →
 * handler → validate the reply. Every failure becomes a coded JSON response; it never throws.
 */
export async function handleRequest(
  config: ResolvedConfig,
  table: RouteTable,
  request: Request,
): Promise<Response> {
  try {
    return await handle(config, table, request);
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

async function handle(config: ResolvedConfig, table: RouteTable, request: Request): Promise<Response> {
  const start = config.clock.now();
  const found = findRoute(config, table, request);
  if ('refusal' in found) return refuse(config.logger, found.refusal);
  const { route } = found;
  const body = await readBody(request, config.bodyLimit);
  const url = resolveSignedUrl(request, config);
  const verdict = verifySignature({
    secrets: config.secrets,
    method: request.method,
    url,
    body,
    headers: request.headers,
    now: config.clock.now(),
    strict: config.strict,
  });
  if (!verdict.ok) {
    const hint = verdict.code === 'SIGNATURE_MISMATCH' ? ` ${urlHint(config)}` : '';
    const status = protocolErrorCodes[verdict.code];
    return refuse(config.logger, { status, code: verdict.code, message: `${verdict.message}${hint}` });
  }
  const call = route.prepare(readInput(route.input, request, body));
  if (!call.ok) return requestInvalid(config, route, request, call.issues);
  const outcome = await runHandler(config, {
    request,
    route,
    call,
    signatureVersion: verdict.version,
    start,
  });
  if (!outcome.ok) return handlerFailed(config, route, request, outcome.error);
  if (outcome.value instanceof Response) return outcome.value;
  return checkReply(config, route, request, outcome.value);
}

/** The route for the path and method, or a ROUTE_NOT_FOUND / METHOD_NOT_ALLOWED refusal. */
function findRoute(
  config: ResolvedConfig,
  table: RouteTable,
  request: Request,
): { route: Route } | { refusal: Refusal } {
  const { pathname } = new URL(request.url);
  const match = table.match(pathname, request.method);
  if (match.type === 'found') return { route: match.route };
  if (match.type === 'method-not-allowed') {
    const allow = match.allow.join(', ');
    const { status, code, message } = new SpokeFrameworkError(
      'METHOD_NOT_ALLOWED',
      `${pathname} does not answer ${request.method}; it answers ${allow}.`,
    );
    return { refusal: { status, code, message, headers: { allow } } };
  }
  // Listing the routes helps while developing; a production service does not advertise them.
  const known = table.list.map((route) => route.path).join(', ') || 'none yet';
  const listed = config.development ? ` (registered: ${known})` : '';
  const { status, code, message } = new SpokeFrameworkError(
    'ROUTE_NOT_FOUND',
    `no handler is registered for ${pathname}${listed}; check the URL in the app settings.`,
  );
  return { refusal: { status, code, message } };
}

// Where the hashed URL came from, so a mismatch behind a tunnel or proxy explains itself. SPEC.md §1
function urlHint(config: ResolvedConfig): string {
  if (config.publicUrl !== undefined)
    return `(Spoke hashed the URL built from publicUrl ${config.publicUrl}.)`;
  if (config.trustProxy) return '(Spoke hashed the URL built from X-Forwarded-Proto / X-Forwarded-Host.)';
  return '(Spoke hashed the URL the request arrived on; behind a tunnel or proxy set publicUrl to the URL HubSpot calls, or trustProxy.)';
}

function requestInvalid(
  config: ResolvedConfig,
  route: Route,
  request: Request,
  issues: SchemaIssue[],
): Response {
  const { kind, path } = route.info;
  const error = new SpokeFrameworkError(
    'REQUEST_INVALID',
    `${request.method.toUpperCase()} ${path} is not a valid ${kind} request: ${formatSchemaIssues(issues)}.`,
  );
  return refuse(config.logger, { status: error.status, code: error.code, message: error.message, issues });
}

// Already reported through onError, so not logged again. The exception's message only in
// development; never its stack. STYLE.md 10
function handlerFailed(config: ResolvedConfig, route: Route, request: Request, thrown: unknown): Response {
  const { kind, path } = route.info;
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const detail = config.development ? `threw: ${reason}.` : 'failed; the details are in the service log.';
  const error = new SpokeFrameworkError(
    'HANDLER_FAILED',
    `the ${kind} handler for ${request.method.toUpperCase()} ${path} ${detail}`,
  );
  return errorResponse(error.status, { code: error.code, message: error.message });
}
