import { randomUUID } from 'node:crypto';
import { type Exchange, publicTarget, sendPrepared, type Transport } from '@spoke/emulator';
import type { CheckTarget } from './base-requests.ts';
import { type CheckCase, checkCases } from './check-cases.ts';
import type { CheckKind, CheckMode } from './check-request.ts';
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
  /** Request shapes of the positive card and action cases. @default 'both' */
  mode?: CheckMode;
  /**
   * The public base URL HubSpot would call (a proxy or tunnel in front of `target.url`): requests
   * are signed for it and delivered to `target.url`, with the tunnel's Host and X-Forwarded-* headers.
   */
  publicUrl?: string;
  /** Run only these case ids. */
  only?: readonly string[];
  /** Called before each case, for progress. */
  onCase?: (testCase: CheckCase, index: number, total: number) => void;
}

/** One case run: what was sent and the verdict. */
export interface CaseResult extends CaseVerdict {
  case: CheckCase;
  exchange: Exchange;
  /** The URL the signatures cover (the public one with `publicUrl`). */
  signedUrl: string;
}

/** The target as HubSpot would see it, and how a request signed for it reaches the service. */
export function checkTunnel(target: CheckTarget, publicUrl: string | undefined) {
  if (publicUrl === undefined) return { target, tunnel: undefined };
  const local = new URL(target.url);
  const { signedUrl, headers } = publicTarget(local, publicUrl);
  // signedUrl = public origin + prefix + the local path and query, so the prefix maps back to the origin.
  const prefix = signedUrl.slice(0, signedUrl.length - (local.pathname.length + local.search.length));
  const deliver = (url: string) =>
    url.startsWith(prefix) ? `${local.origin}${url.slice(prefix.length)}` : url;
  return { target: { ...target, url: signedUrl }, tunnel: { deliver, headers } };
}

/**
 * A v3 check that falls back to v2 when the v3 headers are missing is a downgrade: it refused a
 * stale v3 timestamp, yet took a 3-day-old request stripped to its v2 signature. A v2-only
 * verifier (which accepted the stale one too) only gets the v2 warning; a service that accepted a
 * forgery gets no v2 warning at all.
 */
function judgeDowngrade(results: CaseResult[]): void {
  const forged = results.find((r) => r.cause === 'forged-accepted');
  if (forged) {
    // A service that takes forgeries takes these too: no v2 check is at work.
    for (const r of results.filter((r) => r.cause === 'v2-only')) {
      r.pass = false;
      delete r.warning;
      r.cause = 'forged-accepted';
      r.reason = `accepted with ${r.exchange.reply?.status}; the service also accepted ${forged.case.id} (${forged.case.title}), so no signature check refused this one`;
    }
    return;
  }
  const downgrade = results.find((r) => r.case.tamper === 'downgrade-to-v2');
  if (downgrade?.cause !== 'v2-only') return;
  const checksTime = results.some(
    (r) =>
      (r.case.tamper === 'stale-timestamp' || r.case.tamper === 'future-timestamp') &&
      r.pass &&
      r.cause === undefined,
  );
  if (!checksTime) return;
  downgrade.pass = false;
  delete downgrade.warning;
  downgrade.cause = 'weak-verification';
  downgrade.reason =
    'accepted on its v2 signature alone: the service checks v3 timestamps (it refused the stale one) but falls back to v2 when the v3 headers are missing, so a captured request replays forever. Refuse a request without X-HubSpot-Signature-v3 (docs/protocol.md §1).';
}

/** Runs the conformance cases one after another (a service sees one request at a time) and judges each. */
export async function runCheck(options: RunCheckOptions): Promise<CaseResult[]> {
  const { target, tunnel } = checkTunnel(options.target, options.publicUrl);
  const all = checkCases(options.kind, target, options.mode ?? 'both');
  const cases =
    options.only && options.only.length > 0 ? all.filter((c) => options.only?.includes(c.id)) : all;
  const results: CaseResult[] = [];
  for (const [index, testCase] of cases.entries()) {
    options.onCase?.(testCase, index, cases.length);
    const startedAt = options.now();
    const prepared = tamperRequest(testCase.request, testCase.tamper, {
      secret: target.app.clientSecret,
      now: startedAt,
      timeoutMs: options.transport.deadlines.totalMs,
      ...(tunnel === undefined ? {} : { tunnel }),
    });
    const exchange = await sendPrepared({
      id: randomUUID(),
      kind: testCase.request.kind,
      appId: target.app.id,
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
      {
        app: target.app,
        portal: target.portal,
        baseUrls: options.baseUrls,
        v2Valid: prepared.v2Valid,
      },
      prepared.secretDerived,
    );
    results.push({ ...verdict, case: testCase, exchange, signedUrl: prepared.signedUrl });
  }
  judgeDowngrade(results);
  return results;
}
