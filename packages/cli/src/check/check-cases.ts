import { shareViaEvents } from '@spoke/protocol';
import {
  actionRequest,
  type CheckTarget,
  cardRequest,
  channelConnectionRequest,
  shareViaRequest,
} from './base-requests.ts';
import type { BaseRequest, CheckKind, CheckMode, Tamper } from './check-request.ts';

/**
 * What a case expects back. `401-no-leak`: a 401 whose body holds no prefix of the signature the
 * secret gives for the request (nor the request's own query), in any mode.
 */
export type CheckExpectation = 'valid-reply' | '401' | '4xx' | '401-no-leak';

/** One conformance case: a request, how it is spoiled, and what must come back. */
export interface CheckCase {
  /** Stable id, for `--only` and JSON output. */
  id: string;
  /** What is sent, for the table. */
  title: string;
  expect: CheckExpectation;
  tamper: Tamper;
  request: BaseRequest;
}

/** The platform sends GET and DELETE without a body. */
function isBodiless(request: BaseRequest): boolean {
  return request.method === 'GET' || request.method === 'DELETE';
}

const negatives: readonly {
  id: Tamper;
  title: string;
  expect: CheckExpectation;
  /** Only for base requests this holds for (default: all). */
  when?: (request: BaseRequest) => boolean;
}[] = [
  { id: 'missing-signature', title: 'no signature headers', expect: '401' },
  { id: 'wrong-secret', title: 'signed with the wrong secret', expect: '401' },
  { id: 'one-byte-changed', title: 'one byte changed after signing', expect: '401' },
  { id: 'wrong-url', title: 'signed for another URL', expect: '401' },
  { id: 'stale-timestamp', title: 'timestamp 10 minutes old (a replay)', expect: '401' },
  { id: 'future-timestamp', title: 'timestamp 10 minutes ahead', expect: '401' },
  { id: 'non-numeric-timestamp', title: 'timestamp in seconds with a fraction', expect: '401' },
  { id: 'space-mangled-v3', title: "v3 signature with '+' turned into spaces", expect: '401' },
  {
    id: 'query-moved-into-body',
    title: 'a signed request with the end of its query moved into a body (boundary shift)',
    expect: '4xx',
    when: isBodiless,
  },
  {
    id: 'zero-padded-timestamp',
    title: 'a zero-padded v3 timestamp, correctly signed (digits moved from the URL or body)',
    expect: '401',
  },
  {
    id: 'downgrade-to-v2',
    title: 'a 3-day-old request with its v3 headers stripped (only its v2 signature left)',
    expect: '401',
  },
  {
    id: 'v1-empty-body',
    title: 'the v1 signature of an empty body, sha256(secret), the same for every request',
    expect: '401',
    when: isBodiless,
  },
  {
    id: 'leaky-401',
    title: 'a wrong signature, whose 401 must not show the right one',
    expect: '401-no-leak',
  },
];

function positives(kind: CheckKind, target: CheckTarget, mode: CheckMode): CheckCase[] {
  const ok = (id: string, title: string, request: BaseRequest): CheckCase => ({
    id,
    title,
    expect: 'valid-reply',
    tamper: 'none',
    request,
  });
  const legacy = mode !== 'converter';
  const converter = mode !== 'legacy';
  switch (kind) {
    case 'card':
      return [
        ...(legacy
          ? [ok('valid', 'data fetch signed v2 + v3', cardRequest(target, 'typical', 'legacy'))]
          : []),
        ...(converter
          ? [
              ok(
                'converter',
                'data fetch as the Legacy CRM Card Converter sends it (appId, + for space)',
                cardRequest(target, 'typical', 'converter'),
              ),
            ]
          : []),
        ...(legacy
          ? [
              ok(
                'absent-properties',
                'data fetch with no record properties',
                cardRequest(target, 'absent', 'legacy'),
              ),
              ok(
                'unicode',
                'data fetch with unicode, emoji, & = + in values',
                cardRequest(target, 'unicode', 'legacy'),
              ),
            ]
          : []),
        ...(converter
          ? [
              ok(
                'absent-properties-converter',
                'data fetch with no record properties, converter shape',
                cardRequest(target, 'absent', 'converter'),
              ),
              ok(
                'unicode-converter',
                'data fetch with unicode, emoji, & = + in values, converter shape',
                cardRequest(target, 'unicode', 'converter'),
              ),
            ]
          : []),
      ];
    case 'action':
      return [
        ...(legacy
          ? [
              ok(
                'legacy-encoding',
                `${target.method} action hook, legacy encoding`,
                actionRequest(target, 'typical', 'legacy'),
              ),
            ]
          : []),
        ...(converter
          ? [
              ok(
                'converter-encoding',
                `${target.method} action hook, converter encoding (query + JSON)`,
                actionRequest(target, 'typical', 'converter'),
              ),
            ]
          : []),
        ...(legacy
          ? [
              ok(
                'absent-properties',
                'action hook with no record properties',
                actionRequest(target, 'absent', 'legacy'),
              ),
              ok('unicode', 'action hook with unicode values', actionRequest(target, 'unicode', 'legacy')),
            ]
          : []),
        ...(converter
          ? [
              ok(
                'absent-properties-converter',
                'action hook with no record properties, converter encoding',
                actionRequest(target, 'absent', 'converter'),
              ),
              ok(
                'unicode-converter',
                'action hook with unicode values, converter encoding',
                actionRequest(target, 'unicode', 'converter'),
              ),
            ]
          : []),
      ];
    case 'share-via':
      return [
        ...shareViaEvents.map((event) =>
          ok(event.toLowerCase().replaceAll('_', '-'), `${event}`, shareViaRequest(target, event, 'typical')),
        ),
        ok(
          'fetch-recipients-no-filter',
          'FETCH_RECIPIENTS without a filter',
          shareViaRequest(target, 'FETCH_RECIPIENTS', 'absent'),
        ),
        ok(
          'share-object-unicode',
          'SHARE_OBJECT with a unicode message',
          shareViaRequest(target, 'SHARE_OBJECT', 'unicode'),
        ),
      ];
    case 'channel-connection':
      return [ok('valid', 'channel-connection request signed v2 + v3', channelConnectionRequest(target))];
  }
}

/**
 * Every case for a kind: positive ones (card and action in the shapes `mode` picks) that must get a schema-valid reply within the deadline,
 * then the same request spoiled in each way a service must refuse with 401, then (for kinds with
 * a JSON body) malformed JSON that must get a 4xx.
 */
export function checkCases(kind: CheckKind, target: CheckTarget, mode: CheckMode = 'both'): CheckCase[] {
  const valid = positives(kind, target, mode);
  const base = valid[0]?.request;
  if (!base) return valid;
  const cases = [
    ...valid,
    ...negatives
      .filter((n) => n.when === undefined || n.when(base))
      .map((n) => ({ id: n.id, title: n.title, expect: n.expect, tamper: n.id, request: base })),
  ];
  // Malformed JSON only means something where the platform sends JSON (not a legacy form body).
  const json = valid.find((c) => c.request.contentType === 'application/json')?.request;
  if (json) {
    cases.push({
      id: 'malformed-json',
      title: 'a JSON body cut short, correctly signed',
      expect: '4xx',
      tamper: 'malformed-json',
      request: json,
    });
  }
  return cases;
}
