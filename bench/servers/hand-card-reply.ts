import { benchSecret, buildCardReply } from '../../tests/helpers/card-fixture.ts';
import { verifyV3ByHand } from '../lib/verify-by-hand.ts';

/** A reply built by hand: status and JSON text. */
export interface HandReply {
  status: number;
  body: string;
}

const required = ['userId', 'userEmail', 'associatedObjectId', 'associatedObjectType', 'portalId'] as const;

/**
 * The data-fetch service written by hand, as the peers' baselines run it: v3 check (HMAC, window,
 * constant-time), query read with URLSearchParams, the same five-item reply as plain JSON.
 */
export function handCardReply(
  method: string,
  url: string,
  header: (name: string) => string | undefined,
): HandReply {
  const verified = verifyV3ByHand({
    secret: benchSecret,
    method,
    url,
    body: '',
    signature: header('x-hubspot-signature-v3'),
    timestamp: header('x-hubspot-request-timestamp'),
    now: Date.now(),
  });
  if (!verified) return { status: 401, body: '{"message":"invalid signature"}' };
  const query = new URL(url).searchParams;
  if (required.some((name) => !query.has(name))) return { status: 400, body: '{"message":"bad query"}' };
  const objectId = Number(query.get('associatedObjectId'));
  if (!Number.isInteger(objectId)) return { status: 400, body: '{"message":"bad associatedObjectId"}' };
  return { status: 200, body: JSON.stringify(buildCardReply(objectId, query.get('userEmail') ?? '')) };
}
