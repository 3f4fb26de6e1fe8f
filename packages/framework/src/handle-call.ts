import {
  formatSchemaIssues,
  type ProtocolErrorCode,
  protocolErrorCodes,
  type SchemaIssue,
  type VerifyFailure,
  verifySignature,
} from '@spoke/protocol';
import { checkReply } from './check-reply.ts';
import type { Route } from './define-route.ts';
import { errorDocUrl, SpokeFrameworkError } from './errors.ts';
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
  const bodiless = bodilessMethods.has(call.method.toUpperCase());
  if (bodiless && declaresBody(call)) return refuse(config.logger, unexpectedBody(call, 'declared'));
  const read = call.readBody(config);
  const body = read instanceof Uint8Array ? read : await read;
  // A body on GET/DELETE could carry part of the signed query (the hash runs URL + body on):
  // refused whatever the signature says. docs/decisions/0009
  if (bodiless && body.byteLength > 0) return refuse(config.logger, unexpectedBody(call, 'sent'));
  const verdict = verifySignature({
    secrets: config.secrets,
    method: call.method,
    url: resolveSignedUrl(call, config),
    body,
    headers: call.headers,
    now: config.clock.now(),
    acceptVersions: config.acceptSignatureVersions,
    allowV1EmptyBody: config.allowV1EmptyBody,
  });
  if (!verdict.ok) return refuseSignature(config, call, verdict);
  const v3UrlForm = verdict.v3UrlForm ?? null;
  if (v3UrlForm === 'raw' && config.development) logRawUrlMatch(config, call);
  const prepared = route.prepare(readInput(route.input, call, body));
  if (!prepared.ok) return requestInvalid(config, route, call, prepared.issues);
  const outcome = await runHandler(config, {
    call,
    body,
    route,
    prepared,
    signatureVersion: verdict.version,
    v3UrlForm,
    start,
  });
  if (!outcome.ok) return handlerFailed(config, route, call, outcome.error);
  if (outcome.value instanceof Response) return outcome.value;
  return checkReply(config, route, call, outcome.value);
}

/**
 * Development only: a v3 signature that matched the URL as sent, not the decoded one. Accepted
 * (HubSpot's docs and its own SDK and local-dev proxy disagree), but worth one line when someone
 * wonders why their own check fails. docs/decisions/0011
 */
function logRawUrlMatch(config: ResolvedConfig, call: IncomingCall): void {
  const method = call.method.toUpperCase();
  config.logger.debug(
    `[spoke] ${method} ${call.url.pathname}: the v3 signature matched the raw URL (as HubSpot's official client and its local-dev proxy for hubspot.fetch sign it), not the URL with %40 and the other escapes decoded (as HubSpot's validation docs say). Spoke accepts both; a hand-written check that decodes first would refuse this request. See docs/decisions/0011.`,
    { method, path: call.url.pathname, v3UrlForm: 'raw' },
  );
}

/** Methods the platform always sends without a body. docs/protocol.md §2 */
const bodilessMethods = new Set(['GET', 'HEAD', 'DELETE']);

/** A body announced by the headers: a Content-Length above 0, or any Transfer-Encoding. */
function declaresBody(call: IncomingCall): boolean {
  const length = call.header('content-length');
  if (length !== undefined && length.trim() !== '0') return true;
  return call.header('transfer-encoding') !== undefined;
}

function unexpectedBody(call: IncomingCall, how: 'declared' | 'sent'): Refusal {
  const { status, code, message } = new SpokeFrameworkError(
    'REQUEST_BODY_UNEXPECTED',
    `${call.method.toUpperCase()} ${call.url.pathname} ${how === 'declared' ? 'declared' : 'carried'} a body; the platform sends ${call.method.toUpperCase()} without one, and a body could carry part of the signed query, so the request is refused.`,
  );
  return { status, code, message };
}

/** What a 401 body says for each code: nothing about the request, the secret or the hash. */
const publicReasons: Partial<Record<ProtocolErrorCode, string>> = {
  SIGNATURE_MISSING: 'the request carried no HubSpot signature.',
  SIGNATURE_MISMATCH: "the request's signature does not match it.",
  SIGNATURE_TIMESTAMP_MISSING: 'the v3 signature came without X-HubSpot-Request-Timestamp.',
  SIGNATURE_TIMESTAMP_INVALID: 'X-HubSpot-Request-Timestamp is not canonical epoch milliseconds.',
  SIGNATURE_TIMESTAMP_STALE: 'the v3 timestamp is too old.',
  SIGNATURE_TIMESTAMP_FUTURE: 'the v3 timestamp is too far in the future.',
  SIGNATURE_VERSION_UNSUPPORTED: 'X-HubSpot-Signature-Version names an unknown version.',
  SIGNATURE_V3_REQUIRED: 'this service accepts only v3 signatures.',
  SIGNATURE_VERSION_REFUSED: "this service does not accept the request's signature version.",
  SIGNATURE_V1_EMPTY_BODY: 'a v1 signature over an empty body proves nothing and is refused.',
};

/**
 * The 401 for a refused signature. The reply names the code only: never the expected signature,
 * the string hashed or anything else derived from the secret, in any mode. The explanation goes
 * to the service's own log, and only in development mode (chosen explicitly).
 */
function refuseSignature(config: ResolvedConfig, call: IncomingCall, verdict: VerifyFailure): PlainReply {
  const { code } = verdict;
  const status = protocolErrorCodes[code];
  const reason = publicReasons[code] ?? 'the request signature was refused.';
  const message = `[spoke] ${reason} See ${errorDocUrl(code)}`;
  const details = { code, status, method: call.method.toUpperCase(), path: call.url.pathname };
  if (config.development) {
    const hint = code === 'SIGNATURE_MISMATCH' ? ` ${urlHint(config)}` : '';
    config.logger.warn(`${verdict.message}${hint}`, details);
  } else {
    config.logger.warn(
      `[spoke] refused ${details.method} ${details.path} with ${code}: ${reason} Run in development mode (SPOKE_DEV=1) to log why.`,
      details,
    );
  }
  return errorReply(status, { code, message });
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
