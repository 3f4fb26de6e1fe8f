import { type CardReplyWarning, formatSchemaIssues, schemaIssues } from '@spoke/protocol';
import type { z } from 'zod';
import type { EmulatorErrorCode } from '../errors.ts';
import type { Exchange, ExchangeError, Verdict } from './exchange.ts';

/** `GET https://…`, for messages. */
export function exchangeTarget(exchange: Exchange): string {
  return `${exchange.request.method} ${exchange.request.url}`;
}

/**
 * Records a problem; the first one becomes the exchange's main error (with `details`, such as the
 * status and the service's reason) and its outcome turns to error.
 */
export function failExchange(
  exchange: Exchange,
  code: EmulatorErrorCode,
  message: string,
  path?: string,
  details?: Omit<ExchangeError, 'code' | 'message'>,
): void {
  const verdict: Verdict = { code, severity: 'error', message };
  if (path !== undefined) verdict.path = path;
  exchange.verdicts.push(verdict);
  if (exchange.outcome === 'ok') {
    exchange.outcome = 'error';
    exchange.error = { code, message, ...details };
  }
}

/** Parses the reply body as JSON when the exchange is still ok; records DISPATCH_REPLY_NOT_JSON if not. */
export function readJsonReply(exchange: Exchange): { ok: true; value: unknown } | { ok: false } {
  const reply = exchange.reply;
  if (exchange.outcome !== 'ok' || !reply) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(reply.body) };
  } catch {
    const preview = reply.body.length > 60 ? `${reply.body.slice(0, 60)}…` : reply.body;
    const type = reply.headers['content-type'] ?? 'no content-type';
    failExchange(
      exchange,
      'DISPATCH_REPLY_NOT_JSON',
      `${exchangeTarget(exchange)} answered ${reply.status} (${type}) with a body that is not JSON: ${JSON.stringify(preview)}. Reply with a JSON body.`,
    );
    return { ok: false };
  }
}

/** Records each schema issue (with its path) as DISPATCH_REPLY_INVALID. */
export function recordSchemaIssues(
  exchange: Exchange,
  issues: readonly { path: string; message: string }[],
): void {
  if (issues.length === 0) return;
  exchange.schemaIssues.push(...issues);
  const summary = `${exchangeTarget(exchange)} replied with JSON the platform rejects: ${formatSchemaIssues(issues)}. Fix those fields (spoke schema lists the shape).`;
  if (exchange.outcome === 'ok') exchange.error = { code: 'DISPATCH_REPLY_INVALID', message: summary };
  exchange.outcome = 'error';
  for (const issue of issues) {
    exchange.verdicts.push({
      code: 'DISPATCH_REPLY_INVALID',
      severity: 'error',
      message: issue.message,
      path: issue.path,
    });
  }
}

const warningCodes = {
  FIELD_IGNORED: 'DISPATCH_REPLY_FIELD_IGNORED',
  DUPLICATE_OBJECT_ID: 'DISPATCH_REPLY_DUPLICATE_OBJECT_ID',
  HOOK_METHOD_DEFAULTED: 'DISPATCH_HOOK_METHOD_DEFAULTED',
} as const satisfies Record<CardReplyWarning['code'], EmulatorErrorCode>;

/** Records what HubSpot accepts but the service probably did not mean, as warnings: the outcome stays. */
export function recordReplyWarnings(exchange: Exchange, warnings: readonly CardReplyWarning[]): void {
  for (const warning of warnings) {
    exchange.verdicts.push({
      code: warningCodes[warning.code],
      severity: 'warning',
      message: warning.message,
      path: warning.path,
    });
  }
}

/** Validates a parsed reply with a protocol schema; records issues and returns null on failure. */
export function checkReplySchema<S extends z.ZodType>(
  exchange: Exchange,
  schema: S,
  value: unknown,
): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  recordSchemaIssues(exchange, schemaIssues(parsed.error));
  return null;
}

/** Adds REPLY_VALID when nothing went wrong. */
export function markReplyValid(exchange: Exchange, what: string): void {
  if (exchange.outcome !== 'ok') return;
  exchange.verdicts.push({ code: 'REPLY_VALID', severity: 'info', message: `${what}: the reply is valid.` });
}
