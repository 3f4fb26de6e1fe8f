import type { IncomingCall } from './incoming-call.ts';

/** Where the URL the platform signed comes from. */
export interface SignedUrlOptions {
  /** Public base URL without a trailing slash, already validated. */
  readonly publicUrl: string | undefined;
  readonly trustProxy: boolean;
}

/**
 * The URL HubSpot hashed: `publicUrl` + the request's path and query when configured; else the
 * request URL, with scheme and host from `X-Forwarded-*` only under `trustProxy`. docs/protocol.md §1.
 */
export function resolveSignedUrl(
  call: Pick<IncomingCall, 'url' | 'header'>,
  options: SignedUrlOptions,
): string {
  const { url } = call;
  if (options.publicUrl !== undefined) return `${options.publicUrl}${url.pathname}${url.search}`;
  if (!options.trustProxy) return url.href;
  const proto = firstValue(call.header('x-forwarded-proto'));
  const host = firstValue(call.header('x-forwarded-host'));
  const scheme = proto !== undefined && /^https?$/i.test(proto) ? proto.toLowerCase() : url.scheme;
  // A hostile or malformed forwarded host cannot make the URL unparseable: it just will not verify.
  const authority = host !== undefined && /^[^\s/?#@]+$/.test(host) ? host : url.host;
  return `${scheme}://${authority}${url.pathname}${url.search}`;
}

// Proxies append: `X-Forwarded-Proto: https, http`; the first hop is the one the client used.
function firstValue(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first === undefined || first === '' ? undefined : first;
}
