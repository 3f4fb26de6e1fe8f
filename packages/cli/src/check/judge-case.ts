import { type DispatchCard, type Exchange, judgeCardReply, judgeShareViaReply } from '@spoke/emulator';
import {
  actionHookReplySchema,
  channelConnectionResponseSchema,
  formatSchemaIssues,
  schemaIssues,
} from '@spoke/protocol';
import type { CheckCase } from './check-cases.ts';

/** The outcome of one case. */
export interface CaseVerdict {
  pass: boolean;
  /** What came back, e.g. `200 in 12 ms` or `DISPATCH_DEADLINE_EXCEEDED`. */
  got: string;
  /** Why it failed (empty when it passed). */
  reason: string;
}

/** Who the calls said they came from, and the base URLs card actions must start with. */
export interface JudgeContext {
  app: { id: number };
  portal: { id: number };
  baseUrls: readonly string[];
}

function got(exchange: Exchange): string {
  if (!exchange.reply) return exchange.error?.code ?? 'no reply';
  const cut =
    exchange.error && exchange.error.code !== 'DISPATCH_STATUS_NOT_OK' ? ` (${exchange.error.code})` : '';
  return `${exchange.reply.status} in ${Math.round(exchange.timing.totalMs)} ms${cut}`;
}

function failed(exchange: Exchange): string {
  const issues = exchange.schemaIssues.length > 0 ? formatSchemaIssues(exchange.schemaIssues) : '';
  return issues || exchange.error?.message || 'the reply was rejected';
}

function judgeBody(testCase: CheckCase, exchange: Exchange, context: JudgeContext): void {
  const { judge } = testCase.request;
  const reply = exchange.reply;
  if (!reply) return;
  if (judge.as === 'card') {
    const card: DispatchCard = {
      title: 'spoke check',
      fetch: { targetUrl: testCase.request.url, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
      display: { properties: [] },
      actions: { baseUrls: [...context.baseUrls] },
    };
    judgeCardReply(exchange, { card, mode: judge.mode });
    return;
  }
  if (judge.as === 'share-via') {
    judgeShareViaReply(exchange, { event: judge.event, app: context.app, portal: context.portal });
    return;
  }
  // An action hook may answer with no body; anything it sends must be JSON of the right shape.
  if (judge.as === 'action' && reply.body.trim() === '') return;
  const schema = judge.as === 'action' ? actionHookReplySchema : channelConnectionResponseSchema;
  let value: unknown;
  try {
    value = JSON.parse(reply.body);
  } catch {
    exchange.outcome = 'error';
    exchange.error = {
      code: 'DISPATCH_REPLY_NOT_JSON',
      message: `the reply body is not JSON: ${JSON.stringify(reply.body.slice(0, 60))}`,
    };
    return;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    exchange.outcome = 'error';
    exchange.schemaIssues.push(...schemaIssues(parsed.error));
  }
}

/** Judges one exchange against what its case expects; `secretDerived` is text a 401 must not contain. */
export function judgeCase(
  testCase: CheckCase,
  exchange: Exchange,
  context: JudgeContext,
  secretDerived: readonly string[] = [],
): CaseVerdict {
  const status = exchange.reply?.status;
  const transportError =
    exchange.reply === null || (exchange.error !== null && exchange.error.code !== 'DISPATCH_STATUS_NOT_OK');
  if (transportError)
    return { pass: false, got: got(exchange), reason: exchange.error?.message ?? 'no reply' };
  if (testCase.expect === 'valid-reply') {
    if (exchange.outcome !== 'ok')
      return { pass: false, got: got(exchange), reason: `a valid request was refused: ${failed(exchange)}` };
    judgeBody(testCase, exchange, context);
    if (exchange.outcome !== 'ok')
      return { pass: false, got: got(exchange), reason: `the reply is not valid: ${failed(exchange)}` };
    return { pass: true, got: got(exchange), reason: '' };
  }
  const only401 = testCase.expect !== '4xx';
  const wanted = only401 ? (s: number) => s === 401 : (s: number) => s >= 400 && s < 500;
  if (status !== undefined && wanted(status)) {
    const body = exchange.reply?.body ?? '';
    // Which signature leaked is not said: the report must not carry it either.
    if (testCase.expect === '401-no-leak' && secretDerived.some((text) => body.includes(text))) {
      return {
        pass: false,
        got: got(exchange),
        reason:
          'the 401 body contains the start of the signature the client secret gives for this request; a reply must never show the expected signature or anything derived from the secret (log it instead)',
      };
    }
    return { pass: true, got: got(exchange), reason: '' };
  }
  const need = only401 ? 'must be refused with 401' : 'must be refused with a 4xx status';
  const what =
    status !== undefined && status >= 200 && status < 300 ? `accepted with ${status}` : `answered ${status}`;
  return { pass: false, got: got(exchange), reason: `${what}; a request with ${testCase.title} ${need}` };
}
