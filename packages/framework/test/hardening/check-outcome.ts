import type { CallLog } from './app.ts';
import type { Expectation } from './corpus.ts';
import type { RawOutcome } from './raw-http.ts';

/** A JSON error body as Spoke (or a host that answers in JSON) sends it. */
export interface ErrorJson {
  readonly code?: unknown;
  readonly message?: unknown;
}

/** The response body as JSON, or undefined when it is not JSON. */
export function jsonBody(outcome: RawOutcome): ErrorJson | undefined {
  if (outcome.kind !== 'response' || outcome.body.byteLength === 0) return undefined;
  try {
    const value: unknown = JSON.parse(outcome.body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as ErrorJson) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True for an answer the HTTP layer under the adapter gives to bytes it cannot parse, before any
 * route runs: Node's bare `400`/`431` with no body, or Fastify's clientError JSON (no `code`).
 */
export function isParserRefusal(outcome: RawOutcome): boolean {
  if (outcome.kind !== 'response' || (outcome.status !== 400 && outcome.status !== 431)) return false;
  if (outcome.body.byteLength === 0) return true;
  const json = jsonBody(outcome) as (ErrorJson & { statusCode?: unknown }) | undefined;
  return json?.code === undefined && json?.statusCode === outcome.status;
}

/** How an outcome is counted in the report: the status, or `closed` / `timeout`. */
export function statusKey(outcome: RawOutcome): string {
  return outcome.kind === 'response' ? String(outcome.status) : outcome.kind;
}

/**
 * Compares what happened with what was expected; returns the problems (none = as expected).
 * Beyond the expectation, these always hold: no 5xx, no hang, and a handler runs only for
 * a request expected to be accepted, exactly once.
 */
export function checkOutcome(
  expect: Expectation,
  outcome: RawOutcome,
  calls: CallLog,
  caseId: string,
): string[] {
  const problems: string[] = [];
  const called = calls.byCase.get(caseId) ?? 0;
  const json = jsonBody(outcome);
  const seen =
    outcome.kind === 'response'
      ? `${outcome.status} ${typeof json?.code === 'string' ? json.code : outcome.body.toString('utf8').slice(0, 120)}`
      : outcome.kind;
  if (outcome.kind === 'timeout') problems.push('no answer before the deadline (a hang)');
  if (outcome.kind === 'response' && outcome.status >= 500) problems.push(`a server error: ${seen}`);
  if (expect.outcome === 'accepted') {
    if (outcome.kind !== 'response' || outcome.status !== 200) problems.push(`expected 200, got ${seen}`);
    if (called !== 1) problems.push(`expected the handler to run once, it ran ${called} times`);
    return problems;
  }
  if (called !== 0) problems.push(`the handler ran ${called} times for a refused request (${seen})`);
  if (outcome.kind === 'closed') {
    if (!expect.orClosed)
      problems.push(`expected ${expect.status} ${expect.code ?? ''}, the connection closed`);
    return problems;
  }
  if (outcome.kind !== 'response') return problems;
  if (outcome.status !== expect.status || (expect.code !== undefined && json?.code !== expect.code)) {
    problems.push(`expected ${expect.status} ${expect.code ?? '(any body)'}, got ${seen}`);
  }
  if (expect.code !== undefined && typeof json?.message !== 'string') {
    problems.push(`the ${outcome.status} has no JSON message`);
  }
  return problems;
}
