import { randomUUID } from 'node:crypto';
import { type Exchange, sendPrepared, type Transport } from '@spoke/emulator';
import type { CheckTarget } from './base-requests.ts';
import { type CheckCase, checkCases } from './check-cases.ts';
import type { CheckKind } from './check-request.ts';
import { type CaseVerdict, judgeCase } from './judge-case.ts';
import { tamperRequest } from './tamper-request.ts';

/** Options of {@link runCheck}. */
export interface RunCheckOptions {
  kind: CheckKind;
  target: CheckTarget;
  /** Card actions must start with one of these. */
  baseUrls: readonly string[];
  transport: Transport;
  /** Epoch ms. */
  now: () => number;
  /** Run only these case ids. */
  only?: readonly string[];
  /** Called before each case, for progress. */
  onCase?: (testCase: CheckCase, index: number, total: number) => void;
}

/** One case run: what was sent and the verdict. */
export interface CaseResult extends CaseVerdict {
  case: CheckCase;
  exchange: Exchange;
}

/** Runs the conformance cases one after another (a service sees one request at a time) and judges each. */
export async function runCheck(options: RunCheckOptions): Promise<CaseResult[]> {
  const all = checkCases(options.kind, options.target);
  const cases =
    options.only && options.only.length > 0 ? all.filter((c) => options.only?.includes(c.id)) : all;
  const results: CaseResult[] = [];
  for (const [index, testCase] of cases.entries()) {
    options.onCase?.(testCase, index, cases.length);
    const startedAt = options.now();
    const prepared = tamperRequest(testCase.request, testCase.tamper, {
      secret: options.target.app.clientSecret,
      now: startedAt,
      timeoutMs: options.transport.deadlines.totalMs,
    });
    const exchange = await sendPrepared({
      id: randomUUID(),
      kind: testCase.request.kind,
      appId: options.target.app.id,
      correlationId: prepared.correlationId,
      request: prepared.request,
      signature: prepared.signature,
      context: { check: testCase.id },
      transport: options.transport,
      startedAt,
    });
    const verdict = judgeCase(
      testCase,
      exchange,
      { app: options.target.app, portal: options.target.portal, baseUrls: options.baseUrls },
      prepared.secretDerived,
    );
    results.push({ ...verdict, case: testCase, exchange });
  }
  return results;
}
