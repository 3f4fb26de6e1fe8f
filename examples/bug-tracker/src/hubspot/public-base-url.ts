/** How the tracker learns the origin HubSpot and browsers reach it on. */
export interface PublicUrlOptions {
  /** The configured public base URL (`PUBLIC_URL`); wins when set. */
  readonly publicUrl?: string | undefined;
  /** Take scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind your own proxy). */
  readonly trustProxy: boolean;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}

/**
 * The base URL links and action URIs are built on, without a trailing slash: `publicUrl`, else
 * the forwarded scheme and host when the proxy is trusted, else the origin the request came to.
 * Action URIs must start with the card's `actions.baseUrls` (docs/protocol.md §2.3), so this must be the
 * URL the config declares.
 */
export function publicBaseUrl(request: Request, options: PublicUrlOptions): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
  const url = new URL(request.url);
  if (options.trustProxy) {
    const proto = firstValue(request.headers.get('x-forwarded-proto'));
    const host = firstValue(request.headers.get('x-forwarded-host'));
    const scheme = proto === 'http' || proto === 'https' ? proto : url.protocol.replace(':', '');
    if (host !== undefined && URL.canParse(`${scheme}://${host}`)) return `${scheme}://${host}`;
    return `${scheme}://${url.host}`;
  }
  return url.origin;
}
