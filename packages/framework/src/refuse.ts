import type { SchemaIssue } from '@spoke/protocol';
import type { Logger } from './logger.ts';
import { errorReply, type PlainReply } from './respond.ts';

/** A request the framework answers with an error instead of calling a handler. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly SchemaIssue[];
  readonly headers?: Record<string, string>;
}

/**
 * Logs a refusal and answers it. Signature and body problems are warnings (the usual integration
 * bugs, and invisible otherwise: HubSpot only shows a failed card); unknown paths and methods are
 * debug noise from scanners; 5xx are errors. A body that timed out was not read to its end, so
 * that reply asks the adapter to close the connection.
 */
export function refuse(logger: Logger, refusal: Refusal): PlainReply {
  const { status, code, message, issues, headers } = refusal;
  const level = status >= 500 ? 'error' : status === 404 || status === 405 ? 'debug' : 'warn';
  logger[level](message, { code, status, ...(issues === undefined ? {} : { issues }) });
  const reply = errorReply(status, { code, message, ...(issues === undefined ? {} : { issues }) }, headers);
  return code === 'REQUEST_BODY_TIMEOUT' ? { ...reply, closeConnection: true } : reply;
}
