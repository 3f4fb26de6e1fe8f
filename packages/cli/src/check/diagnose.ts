import { hubspotFetchRefusals } from '@spoke/protocol';
import { type CaseCause, v2OnlyAdvice } from './judge-case.ts';
import type { CaseResult } from './run-check.ts';

/** One cause found across the cases, and its fix. */
export interface Diagnosis {
  /** `healthy`, a {@link CaseCause}, or `other-status` (refusals with a status other than 401). */
  cause: CaseCause | 'healthy' | 'other-status' | 'refused-in-production';
  /** The one-line finding, e.g. `verifies v2 only`. */
  summary: string;
  /** What to change. */
  fix: string;
  /** Ids of the cases that showed it. */
  cases: string[];
}

/** Where the requests went and what was signed, for advice that names the URLs. */
export interface DiagnosisContext {
  /** The URL given to `spoke check`. */
  url: string;
  /** The URL the positive requests were signed for (differs with --public-url). */
  signedUrl: string;
  publicUrl?: string;
  /**
   * The app's permittedUrls.fetch (`--permitted-url`): the converter's calls are judged as
   * production's hubspot.fetch would (HTTPS, not localhost, listed). Absent: not judged.
   */
  permittedUrls?: readonly string[];
}

/**
 * Converter cases production's hubspot.fetch would not send (the URL it calls is not HTTPS, is
 * localhost, or is not in permittedUrls.fetch): the service passed, but HubSpot would never reach it.
 */
function permittedDiagnosis(results: readonly CaseResult[], permitted: readonly string[]): Diagnosis | null {
  const converter = results.filter(
    (r) => r.case.expect === 'valid-reply' && r.case.request.shape === 'converter',
  );
  const refused = converter
    .map((r) => ({ r, refusals: hubspotFetchRefusals(r.signedUrl, permitted) }))
    .filter(({ refusals }) => refusals.length > 0);
  const first = refused[0];
  if (!first) return null;
  const cases = refused.map(({ r }) => r.case.id);
  return {
    cause: 'refused-in-production',
    summary: `the converter's calls would not leave HubSpot (${list(cases)}): ${first.refusals.map((refusal) => refusal.message.replace(/^refused in production: /, '')).join(' ')}`,
    fix: "hubspot.fetch only calls https:// URLs listed in the app's permittedUrls.fetch, never localhost: check the public URL (--public-url) and list its origin (--permitted-url, app-hsmeta.json)",
    cases,
  };
}

function ids(results: readonly CaseResult[], cause: CaseCause): string[] {
  return results.filter((r) => r.cause === cause).map((r) => r.case.id);
}

function list(cases: readonly string[]): string {
  return cases.length > 4 ? `${cases.slice(0, 4).join(', ')} and ${cases.length - 4} more` : cases.join(', ');
}

const shapeText = {
  legacy: 'the legacy shape (legacy CRM cards: action fields in a form body or the query, no appId)',
  converter:
    "the converter's shape (HubSpot's Legacy CRM Card Converter: appId, + for space, action fields also as JSON)",
} as const;

/** When every correctly signed request of one shape fails and every one of the other passes. */
function shapeDiagnosis(positives: readonly CaseResult[]): Diagnosis | null {
  const shaped = positives.filter((r) => r.case.request.shape !== undefined);
  const failing = shaped.filter((r) => !r.pass);
  if (failing.length === 0 || failing.length === shaped.length) return null;
  const shape = failing[0]?.case.request.shape;
  if (shape === undefined || failing.some((r) => r.case.request.shape !== shape)) return null;
  if (shaped.some((r) => r.pass && r.case.request.shape === shape)) return null;
  const other = shape === 'legacy' ? 'converter' : 'legacy';
  return {
    cause: failing[0]?.cause ?? 'refused-valid',
    summary: `fails every request in ${shapeText[shape]} and takes every one in the ${other} shape`,
    fix: `read both shapes (docs/protocol.md §2.4), or, if HubSpot only ever sends this app the ${other} shape, check with --mode ${other}`,
    cases: failing.map((r) => r.case.id),
  };
}

/** Causes whose line is the same shape: what the service does, the cases in brackets, the fix. */
const listedCauses = [
  {
    cause: 'error-status',
    summary: 'answers correctly signed requests with an error status',
    fix: 'see the FAIL lines for the status and the reply; HubSpot shows any status outside 200-299 as a failure',
  },
  {
    cause: 'invalid-reply',
    summary: "replies that break HubSpot's rules",
    fix: 'fix each schema error the FAIL lines name (docs/protocol.md §2.3 for cards)',
  },
  {
    cause: 'unreachable',
    summary: 'no usable reply in time',
    fix: 'check that the service runs at this URL and replies within the deadline; do slow work after answering',
  },
  {
    cause: 'weak-verification',
    summary: 'accepts forgeries a strict verifier refuses',
    fix: 'see the FAIL lines: accept only v3 with a digits-only fresh timestamp, no body on GET/DELETE, and never show the expected signature',
  },
] as const;

/**
 * The diagnosis at the end of a check: one line per cause (not per case), most serious first,
 * each with its fix; `healthy` when every case passed without a warning.
 */
export function diagnose(results: readonly CaseResult[], context: DiagnosisContext): Diagnosis[] {
  const out: Diagnosis[] = [];
  const forged = ids(results, 'forged-accepted');
  if (forged.length > 0) {
    const nothing = forged.includes('missing-signature');
    out.push({
      cause: 'forged-accepted',
      summary: nothing
        ? 'verifies nothing: it accepted a request without any signature'
        : `accepts forged requests (${list(forged)})`,
      fix: 'compute the signature over the method, the URL as requested, the raw body and the timestamp with the client secret, compare it with X-HubSpot-Signature-v3, and answer 401 on a mismatch (docs/protocol.md §1)',
      cases: forged,
    });
  }
  const positives = results.filter((r) => r.case.expect === 'valid-reply');
  const shapeLine = shapeDiagnosis(positives);
  const refused = ids(results, 'refused-valid');
  if (refused.length > 0 && !shapeLine) {
    const every = refused.length === positives.length;
    const tunnel =
      context.publicUrl === undefined
        ? `behind a proxy or tunnel a service verifies its public URL: run again with --public-url <the public base URL HubSpot calls, e.g. https://app.example.com> (the app's publicUrl setting), so Spoke signs for it and still delivers to ${context.url}; otherwise check the client secret`
        : `check that ${context.publicUrl} is the public URL the service verifies, and the client secret`;
    out.push({
      cause: 'refused-valid',
      summary: every
        ? `refuses every request, even correctly signed ones: it verifies a different URL (or secret) than the one Spoke signed, ${context.signedUrl.split('?')[0]}${context.signedUrl.includes('?') ? '?…' : ''}`
        : `refuses some correctly signed requests (${list(refused)}): it verifies other bytes than were sent`,
      fix: every
        ? tunnel
        : 'hash the URL exactly as requested (its query as sent, not re-encoded) and the raw body before any parser (docs/protocol.md §1)',
      cases: refused,
    });
  }
  if (shapeLine) out.push(shapeLine);
  const notServed = ids(results, 'not-served');
  if (notServed.length > 0) {
    const method = results.find((r) => r.cause === 'not-served')?.case.request.method ?? 'GET';
    out.push({
      cause: 'not-served',
      summary: `answers 404/405 to a correctly signed ${method} (${list(notServed)})`,
      fix:
        method === 'GET'
          ? 'HubSpot always fetches cards with GET: serve the target URL on GET'
          : `serve ${method} at this URL, the method HubSpot sends (an action hook's httpMethod)`,
      cases: notServed,
    });
  }
  for (const { cause, summary, fix } of listedCauses) {
    const cases = ids(results, cause);
    if (cases.length > 0) out.push({ cause, summary: `${summary} (${list(cases)})`, fix, cases });
  }
  const v2 = ids(results, 'v2-only');
  if (v2.length > 0)
    out.push({
      cause: 'v2-only',
      summary: `verifies v2 only: it accepted requests whose v3 signature or timestamp is wrong (${list(v2)})`,
      fix: v2OnlyAdvice,
      cases: v2,
    });
  const other = results.filter((r) => r.note !== undefined).map((r) => r.case.id);
  // Refusals only mean something when correctly signed requests get through.
  if (other.length > 0 && positives.every((r) => r.pass))
    out.push({
      cause: 'other-status',
      summary: `refuses with a status other than 401 (${list(other)}), which HubSpot counts as a refusal`,
      fix: 'nothing required; 401 is the usual answer to a bad signature',
      cases: other,
    });
  const production =
    context.permittedUrls === undefined ? null : permittedDiagnosis(results, context.permittedUrls);
  if (production) out.push(production);
  if (production === null && results.every((r) => r.pass && r.warning === undefined))
    out.unshift({
      cause: 'healthy',
      summary: 'healthy: every correctly signed request got a valid reply and every forgery was refused',
      fix: 'nothing to do',
      cases: [],
    });
  return out;
}
