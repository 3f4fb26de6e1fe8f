import type { Exchange } from '../api/types.ts';

/** The parts of an error status the emulator keeps on an exchange's error. */
export interface StatusFailure {
  status: number;
  statusText: string;
  /** The service's own reason (its JSON error, an HTML page's title, a text excerpt); null for an empty body. */
  reason: string | null;
  url: string | null;
  location: string | null;
  hint: string | null;
}

/** The status, reason, URL and advice of an error status (null on other errors and older exchanges). */
export function statusFailure(error: Exchange['error']): StatusFailure | null {
  if (!error || error.status === undefined) return null;
  return {
    status: error.status,
    statusText: error.statusText ?? '',
    reason: error.reason ?? null,
    url: error.url ?? null,
    location: error.location ?? null,
    hint: error.hint ?? null,
  };
}

/** A URL this long loses its middle on screen; the title and the inspector's request keep it whole. */
const maxShownUrl = 240;

function elideMiddle(url: string): string {
  if (url.length <= maxShownUrl) return url;
  const head = Math.ceil(maxShownUrl * 0.6);
  return `${url.slice(0, head)}…${url.slice(url.length - (maxShownUrl - head - 1))}`;
}

/**
 * An error status, in the order that explains it: the status, what the service said, where a
 * redirect goes, the URL (after `method` when given), the advice. The record page and the
 * inspector both lay it out so.
 */
export function StatusReason({ code, http, method }: { code: string; http: StatusFailure; method?: string }) {
  return (
    <>
      <p className="reason-title">
        <span className="code-chip">{code}</span>
        <span className="reason-status">
          {http.status}
          {http.statusText ? ` ${http.statusText}` : ''}
        </span>
      </p>
      <p className="reason-said">
        {http.reason === null ? (
          <span className="muted">The service answered with an empty body.</span>
        ) : (
          <>
            <span className="reason-label">The service said</span> <q>{http.reason}</q>
          </>
        )}
      </p>
      {http.location !== null ? (
        <p className="reason-url">
          <span className="reason-label">Redirects to</span> <code>{http.location}</code>
        </p>
      ) : null}
      {http.url !== null ? (
        <p className="reason-url" title={http.url}>
          <code>
            {method ? `${method} ` : ''}
            {elideMiddle(http.url)}
          </code>
        </p>
      ) : null}
      {http.hint !== null ? <p className="reason-hint">{http.hint}</p> : null}
    </>
  );
}
