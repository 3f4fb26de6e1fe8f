/** Where the URL the platform signed comes from. */
export interface SignedUrlOptions {
  /** Public base URL without a trailing slash, already validated. */
  readonly publicUrl: string | undefined;
  readonly trustProxy: boolean;
}

/**
 * The URL HubSpot hashed: `publicUrl` + the request's path and query when configured; else the
 * request URL, with scheme and host from `X-Forwarded-*` only under `trustProxy`. SPEC.md §1.
 */
export function resolveSignedUrl(request: Request, options: SignedUrlOptions): string {
  const url = new URL(request.url);
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (options.publicUrl !== undefined) return `${options.publicUrl}${pathAndQuery}`;
  if (!options.trustProxy) return request.url;
  const proto = firstValue(request.headers.get('x-forwarded-proto'));
  const host = firstValue(request.headers.get('x-forwarded-host'));
  const scheme =
    proto !== undefined && /^https?$/i.test(proto) ? proto.toLowerCase() : url.protocol.slice(0, -1);
  // A hostile or malformed forwarded host cannot make the URL unparseable: it just will not verify.
  const authority = host !== undefined && /^[^\s/?#@]+$/.test(host) ? host : url.host;
  return `${scheme}://${authority}${pathAndQuery}`;
}

// Proxies append: `X-Forwarded-Proto: https, http`; the first hop is the one the client used.
function firstValue(header: string | null): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first === undefined || first === '' ? undefined : first;
}
