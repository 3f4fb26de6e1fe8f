/** What a tunnel changes: the URL the platform signs, and the headers it adds on the way in. */
export interface PublicTarget {
  /** The URL HubSpot would call and sign: public origin + path prefix + the target's path and query. */
  signedUrl: string;
  /** `Host`, `X-Forwarded-Host` and `X-Forwarded-Proto` as ngrok and cloudflared send them. */
  headers: Record<string, string>;
}

/**
 * The public side of a call delivered through a tunnel: the target keeps its local address (where
 * the call is delivered) and `publicUrl` replaces its origin for signing, with the public URL's path
 * as a prefix: `http://127.0.0.1:3500/card?x=1` with `https://app.example.com/hs` is signed as
 * `https://app.example.com/hs/card?x=1`. The same rule as the framework's `publicUrl`. A tunnel
 * passes the public `Host` through and says where the call came in with `X-Forwarded-*`.
 */
export function publicTarget(local: URL, publicUrl: string): PublicTarget {
  const base = new URL(publicUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const signedUrl = `${base.protocol}//${base.host}${prefix}${local.pathname}${local.search}`;
  return {
    signedUrl,
    headers: {
      Host: base.host,
      'X-Forwarded-Host': base.host,
      'X-Forwarded-Proto': base.protocol.slice(0, -1),
    },
  };
}
