/**
 * What `spoke emulator` and `spoke dev` print when the emulator listens beyond loopback: its
 * control API hands out client secrets and the developer API key. docs/security.md.
 */
export function networkWarning(host: string): string {
  return `warning: the emulator listens on ${host}, reachable from the network: its control API hands out the app's client secrets and the developer API key, so every request needs the access token printed here (but an app's own calls with its OAuth credentials). Use --host 127.0.0.1 unless another machine must reach it; see docs/security.md.`;
}

/** `url` with `?token=` for the web UI (opening it sets a cookie and drops the token from the address). */
export function urlWithToken(url: string, token: string | null, hash = ''): string {
  if (token === null) return hash === '' ? url : `${url}/${hash}`;
  return `${url}/?token=${encodeURIComponent(token)}${hash}`;
}
