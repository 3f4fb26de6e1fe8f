import type { PlatformCallKind, ShareViaEvent } from '@spoke/protocol';

/** What `spoke check` checks: one of the four service surfaces. */
export type CheckKind = 'card' | 'action' | 'share-via' | 'channel-connection';

/** The four kinds, for option parsing and help. */
export const checkKinds: readonly CheckKind[] = ['card', 'action', 'share-via', 'channel-connection'];

/** Which request shapes the positive card and action cases use. docs/protocol.md §2.4. */
export type CheckMode = 'legacy' | 'converter' | 'both';

/** The three modes, for option parsing and help. */
export const checkModes: readonly CheckMode[] = ['legacy', 'converter', 'both'];

/** An unsigned request a case starts from, and how to judge a reply to it. */
export interface BaseRequest {
  kind: PlatformCallKind;
  method: string;
  url: string;
  body: string;
  contentType?: string;
  /** The request shape of a card or action request: legacy cards or the converter. docs/protocol.md §2.4. */
  shape?: 'legacy' | 'converter';
  /** How a positive reply is judged. */
  judge:
    | { as: 'card'; mode: 'legacy' | 'converter' }
    | { as: 'action' }
    | { as: 'share-via'; event: ShareViaEvent }
    | { as: 'channel-connection' };
}

/** How a signed request is spoiled for a negative case. */
export type Tamper =
  | 'none'
  | 'missing-signature'
  | 'wrong-secret'
  | 'one-byte-changed'
  | 'wrong-url'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'non-numeric-timestamp'
  | 'space-mangled-v3'
  | 'malformed-json'
  | 'query-moved-into-body'
  | 'zero-padded-timestamp'
  | 'downgrade-to-v2'
  | 'v1-empty-body'
  | 'leaky-401';
