import { type DispatchCard, type Exchange, judgeCardReply, judgeShareViaReply } from '@spoke/emulator';
import {
  actionHookReplySchema,
  channelConnectionResponseSchema,
  formatSchemaIssues,
  schemaIssues,
} from '@spoke/protocol';
import type { CheckCase } from './check-cases.ts';

/**
 * Why a case went the way it did, for the one-line diagnosis: `forged-accepted` (a forged or
 * unsigned request got a 2xx), `v2-only` (accepted on a genuinely valid v2 signature where only v3
 * could refuse), `weak-verification` (another forgery accepted), `refused-valid` (a correctly
 * signed request refused), `not-served` (404/405 on a correctly signed request), `error-status`,
 * `invalid-reply`, `unreachable` (no reply in time, or none at all).
 */
export type CaseCause =
  | 'forged-accepted'
  | 'v2-only'
  | 'weak-verification'
  | 'refused-valid'
  | 'not-served'
  | 'error-status'
  | 'invalid-reply'
  | 'unreachable';

/** The outcome of one case. A pass may carry a note (another refusal status) or a warning. */
export interface CaseVerdict {
  pass: boolean;
  /** What came back, e.g. `200 in 12 ms` or `DISPATCH_DEADLINE_EXCEEDED`. */
  got: string;
  /** Why it failed (empty when it passed). */
  reason: string;
  /** Passed, but worth a word: e.g. refused with 403 where 401 is usual. */
  note?: string;
  /** Passed the way HubSpot judges it, with a weakness: e.g. accepted on its v2 signature alone. */
  warning?: string;
  /** What the outcome says about the service, for the diagnosis (absent for a clean pass). */
  cause?: CaseCause;
}

/** Who the calls said they came from, and the base URLs card actions must start with. */
export interface JudgeContext {
  app: { id: number };
  portal: { id: number };
  baseUrls: readonly string[];
  /**
   * The request as sent carries a v2 signature that is right for its method, URL and body: a
   * service that verifies `X-HubSpot-Signature` only accepts it, as it accepts HubSpot's own calls.
   */
  v2Valid?: boolean;
}

/** Spoiled v3 only: the v2 signature of the request is still right. docs/protocol.md §1. */
const v3OnlyTampers = new Set([
  'stale-timestamp',
  'future-timestamp',
  'non-numeric-timestamp',
  'space-mangled-v3',
  'downgrade-to-v2',
]);

/** Forgeries that any signature check refuses: accepting one means nothing is verified. */
const forgeries = new Set([
  'missing-signature',
  'wrong-secret',
  'one-byte-changed',
  'wrong-url',
  'leaky-401',
]);

/** The advice for a v2-only verifier. docs/protocol.md §1. */
export const v2OnlyAdvice =
  'v2 signatures carry no timestamp, so a captured request can be replayed forever; verify X-HubSpot-Signature-v3 and its timestamp to refuse replays (docs/protocol.md §1)';

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

function methodHint(testCase: CheckCase): string {
  const { judge, method } = testCase.request;
  if (judge.as === 'card')
    return '; HubSpot always fetches cards with GET: serve the target URL on GET (a POST-only route answers 404 or 405)';
  if (judge.as === 'action')
    return `; HubSpot calls an action hook with the action's httpMethod (${method} here): serve that method at the URI`;
  return `; HubSpot sends this call as ${method}: serve that method at this URL`;
}

function refusedValid(testCase: CheckCase, exchange: Exchange): CaseVerdict {
  const status = exchange.reply?.status ?? 0;
  const notServed = status === 404 || status === 405;
  const why = failed(exchange);
  const cause: CaseCause = notServed
    ? 'not-served'
    : status === 400 || status === 401 || status === 403
      ? 'refused-valid'
      : 'error-status';
  return {
    pass: false,
    got: got(exchange),
    // The transport's message may already name the method HubSpot uses; the hint is added once.
    reason: `a valid request was refused: ${why}${notServed && !why.includes(`with ${testCase.request.method}`) ? methodHint(testCase) : ''}`,
    cause,
  };
}

/** Judges one exchange against what its case expects; `secretDerived` is text a reply must not contain. */
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
    return {
      pass: false,
      got: got(exchange),
      reason: exchange.error?.message ?? 'no reply',
      cause: 'unreachable',
    };
  if (testCase.expect === 'valid-reply') {
    if (exchange.outcome !== 'ok') return refusedValid(testCase, exchange);
    judgeBody(testCase, exchange, context);
    if (exchange.outcome !== 'ok')
      return {
        pass: false,
        got: got(exchange),
        reason: `the reply is not valid: ${failed(exchange)}`,
        cause: 'invalid-reply',
      };
    // Converter mode renders what only legacy HubSpot refused (six results…): a pass, with a word.
    const lenient = exchange.verdicts.filter((v) => v.code === 'DISPATCH_CONVERTER_LENIENT');
    if (lenient.length > 0) {
      return {
        pass: true,
        got: got(exchange),
        reason: '',
        warning: lenient.map((v) => `${v.path}: ${v.message}`).join('; '),
      };
    }
    return { pass: true, got: got(exchange), reason: '' };
  }
  const body = exchange.reply?.body ?? '';
  // Which signature leaked is not said: the report must not carry it either. Checked whatever the status.
  if (testCase.expect === '401-no-leak' && secretDerived.some((text) => body.includes(text))) {
    return {
      pass: false,
      got: got(exchange),
      reason:
        'the reply body contains the start of the signature the client secret gives for this request; a reply must never show the expected signature or anything derived from the secret (log it instead)',
      cause: 'weak-verification',
    };
  }
  // HubSpot treats any status outside 200-299 as a failure: every such status refuses the request.
  if (status !== undefined && (status < 200 || status >= 300)) {
    const only401 = testCase.expect !== '4xx';
    if (only401 ? status === 401 : status >= 400 && status < 500)
      return { pass: true, got: got(exchange), reason: '' };
    const note = only401
      ? `refused with ${status}: HubSpot counts any non-2xx as a refusal, so this passes; 401 is the usual answer to a bad signature`
      : `refused with ${status}: HubSpot counts any non-2xx as a refusal, so this passes; a malformed request is better answered with 400`;
    return { pass: true, got: got(exchange), reason: '', note };
  }
  if (v3OnlyTampers.has(testCase.tamper) && context.v2Valid === true) {
    return {
      pass: true,
      got: got(exchange),
      reason: '',
      warning: `accepted on its valid v2 signature (X-HubSpot-Signature), as a v2-only verifier does; ${v2OnlyAdvice}`,
      cause: 'v2-only',
    };
  }
  const need = testCase.expect === '4xx' ? 'must be refused (400)' : 'must be refused (401)';
  return {
    pass: false,
    got: got(exchange),
    reason: `accepted with ${status}; a request with ${testCase.title} ${need}`,
    cause: forgeries.has(testCase.tamper) ? 'forged-accepted' : 'weak-verification',
  };
}
