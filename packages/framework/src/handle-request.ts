import { formatSchemaIssues, protocolErrorCodes, type SchemaIssue, verifySignature } from '@spoke/protocol';
import { checkReply } from './check-reply.ts';
import type { Route } from './define-route.ts';
import { SpokeFrameworkError } from './errors.ts';
import { readBody } from './read-body.ts';
import { readInput } from './read-input.ts';
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
  } catch (error) {
    if (error instanceof SpokeFrameworkError) return fromError(error);
    config.logger.error('[spoke] unexpected failure while handling a request', { error });
    return fromError(
      new SpokeFrameworkError('HANDLER_FAILED', 'the request could not be handled; see the service log.'),
    );
  }
}

async function handle(config: ResolvedConfig, table: RouteTable, request: Request): Promise<Response> {
  const start = config.clock.now();
  const { pathname } = new URL(request.url);
  const match = table.match(pathname, request.method);
  if (match.type === 'not-found') {
    const known = table.list.map((route) => route.path).join(', ') || 'none yet';
    throw new SpokeFrameworkError(
      'ROUTE_NOT_FOUND',
      `no handler is registered for ${pathname} (registered: ${known}); check the URL in the app settings.`,
    );
  }
  if (match.type === 'method-not-allowed') {
    const allow = match.allow.join(', ');
    const error = new SpokeFrameworkError(
      'METHOD_NOT_ALLOWED',
      `${pathname} does not answer ${request.method}; it answers ${allow}.`,
    );
    return fromError(error, { allow });
  }
  const { route } = match;
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
    const message =
      verdict.code === 'SIGNATURE_MISMATCH' ? `${verdict.message} ${urlHint(config)}` : verdict.message;
    return errorResponse(protocolErrorCodes[verdict.code], { code: verdict.code, message });
  }
  const call = route.prepare(readInput(route.input, request, body));
  if (!call.ok) return requestInvalid(route, request, call.issues);
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

// Where the hashed URL came from, so a mismatch behind a tunnel or proxy explains itself. SPEC.md §1
function urlHint(config: ResolvedConfig): string {
  if (config.publicUrl !== undefined)
    return `(Spoke hashed the URL built from publicUrl ${config.publicUrl}.)`;
  if (config.trustProxy) return '(Spoke hashed the URL built from X-Forwarded-Proto / X-Forwarded-Host.)';
  return '(Spoke hashed the URL the request arrived on; behind a tunnel or proxy set publicUrl to the URL HubSpot calls, or trustProxy.)';
}

function requestInvalid(route: Route, request: Request, issues: SchemaIssue[]): Response {
  const { kind, path } = route.info;
  const error = new SpokeFrameworkError(
    'REQUEST_INVALID',
    `${request.method.toUpperCase()} ${path} is not a valid ${kind} request: ${formatSchemaIssues(issues)}.`,
  );
  return errorResponse(error.status, { code: error.code, message: error.message, issues });
}

// The exception's message only in development; never its stack. STYLE.md 10
function handlerFailed(config: ResolvedConfig, route: Route, request: Request, thrown: unknown): Response {
  const { kind, path } = route.info;
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const detail = config.development ? `threw: ${reason}.` : 'failed; the details are in the service log.';
  const error = new SpokeFrameworkError(
    'HANDLER_FAILED',
    `the ${kind} handler for ${request.method.toUpperCase()} ${path} ${detail}`,
  );
  return fromError(error);
}

function fromError(error: SpokeFrameworkError, options: { allow?: string } = {}): Response {
  const headers: Record<string, string> = options.allow === undefined ? {} : { allow: options.allow };
  return errorResponse(error.status, { code: error.code, message: error.message }, headers);
}
