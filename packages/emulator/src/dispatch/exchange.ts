import type { PlatformCallKind, SchemaIssue } from '@spoke/protocol';
import type { EmulatorErrorCode } from '../errors.ts';

/** The request the platform sent, exactly as it went over the wire. */
export interface ExchangeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body as sent ('' for none). */
  body: string;
  /**
   * The URL the signatures cover when it is not `url`: the app's public URL (a tunnel), while `url`
   * is the local address the call was delivered to. Absent when they are the same.
   */
  signedUrl?: string;
}

/** What came back. `body` is capped at limits.maxReplyBytes (`truncated` says so). */
export interface ExchangeReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
}

/** One finding about an exchange: a deadline, a schema error, a baseUrl violation… */
export interface Verdict {
  /** A registered emulator code for problems, or an informational tag (`SIGNED`, `DEADLINE_MET`). */
  code: EmulatorErrorCode | 'SIGNED' | 'DEADLINE_MET' | 'REPLY_VALID' | 'FAULT_INJECTED';
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Dotted path into the reply, for schema problems. */
  path?: string;
}

/** How the request was signed, so the inspector can explain it. */
export interface SignatureInfo {
  versions: readonly ('v1' | 'v2' | 'v3')[];
  timestamp: string;
  /** The exact strings hashed, secret elided as `<secret>`. */
  sources: Partial<Record<'v1' | 'v2' | 'v3', string>>;
  /** Fault applied, if any (corrupt, stale, future, wrong version). */
  fault?: string;
  /**
   * Which URL v3 was computed over: `decoded` (HubSpot's validation docs; legacy CRM cards) or
   * `raw` (HubSpot's SDK and local-dev proxy; `hubspot.fetch` in converter mode). Absent on
   * exchanges logged before it existed, which were all `decoded`. docs/decisions/0011
   */
  v3UrlForm?: 'decoded' | 'raw';
  /**
   * Whether the signed URL holds one of the twelve escapes HubSpot's docs decode, so the decoded
   * and the raw form hash different strings (the inspector explains the difference only then).
   */
  v3UrlFormsDiffer?: boolean;
}

/**
 * The main failure of an exchange. A reply outside 200–299 also keeps its parts, so the record
 * page, the inspector and `spoke trigger` can lay them out: the status, the service's own reason,
 * the URL called and the advice. Exchanges logged before these fields existed have only code and message.
 */
export interface ExchangeError {
  code: EmulatorErrorCode;
  /** The whole explanation in one line: status, reason, URL, advice. */
  message: string;
  /** The HTTP status the service answered. */
  status?: number;
  /** Its standard name (`Unauthorized`), '' for a status without one. */
  statusText?: string;
  /** What the service said: the message of a JSON error, an HTML page's title, a text excerpt; null for an empty body. */
  reason?: string | null;
  /** The URL called, whole. */
  url?: string;
  /** A redirect's Location header, as the service sent it. */
  location?: string;
  /** What the status usually means and how to fix it. */
  hint?: string;
}

/** One platform → service call, recorded whole. The request log stores these. */
export interface Exchange {
  id: string;
  /** The platform's call to the app; the request log's API calls (`ApiCall`) are `inbound`. Absent on older entries. */
  direction?: 'outbound';
  kind: PlatformCallKind;
  appId: number;
  correlationId: string;
  /** Epoch ms at which the request started. */
  startedAt: number;
  request: ExchangeRequest;
  reply: ExchangeReply | null;
  timing: { connectMs: number | null; totalMs: number };
  outcome: 'ok' | 'error';
  /** The main failure, when outcome is 'error'. */
  error: ExchangeError | null;
  verdicts: Verdict[];
  schemaIssues: SchemaIssue[];
  signature: SignatureInfo;
  /** What triggered it: card id, record, action label, share id… */
  context: Record<string, string | number | null>;
  /** Set when this exchange replays another. */
  replayOf?: string;
  /** Set when hubspot.fetch sent this call again after that exchange failed (converter mode). */
  retryOf?: string;
}
