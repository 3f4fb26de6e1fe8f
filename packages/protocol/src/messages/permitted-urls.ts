import { z } from 'zod';

/**
 * HubSpot's `permittedUrls` for an app on the developer platform (`app-hsmeta.json`): the URLs a UI
 * extension may call with `hubspot.fetch` (`fetch`), open in an iframe modal (`iframe`) and show as
 * images (`img`). The Legacy CRM Card Converter calls the card's `targetUrl` and its action hooks
 * through `hubspot.fetch`, so both must be covered by `fetch`. HubSpot "Fetching data for UI
 * extensions" and "App configuration"; docs/migration.md.
 */

/** Hostnames `hubspot.fetch` never calls: the machine itself. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '0.0.0.0' ||
    host === '::1' ||
    host === '::' ||
    host === '::ffff:127.0.0.1'
  );
}

/** One entry of a `permittedUrls` list: an absolute HTTPS URL, not localhost, without query or fragment. */
export const permittedUrlSchema = z.string().check((ctx) => {
  const value = ctx.value;
  const fail = (message: string) => ctx.issues.push({ code: 'custom', input: value, message });
  if (!/^https?:\/\/[^\s/]+/i.test(value) || !URL.canParse(value)) {
    fail('must be an absolute https:// URL, e.g. https://app.example.com');
    return;
  }
  const url = new URL(value);
  if (url.protocol !== 'https:') {
    fail(
      `hubspot.fetch only calls HTTPS URLs: write https://${url.host}${url.pathname === '/' ? '' : url.pathname}, or list the https:// address of the tunnel in front of the service`,
    );
  } else if (isLoopbackHost(url.hostname)) {
    fail(
      `hubspot.fetch does not call localhost (${url.hostname}); list the https:// address of a tunnel in front of the service and set it as the app's publicUrl`,
    );
  } else if (url.username !== '' || url.password !== '') {
    fail('must not carry a user name or password');
  } else if (value.includes('?') || value.includes('#')) {
    fail('must be a URL or a prefix without query or fragment, e.g. https://app.example.com/hubspot');
  }
});

/** An app's `permittedUrls`: each list optional; an absent list permits nothing. */
export const permittedUrlsSchema = z.strictObject({
  fetch: z.array(permittedUrlSchema).optional(),
  iframe: z.array(permittedUrlSchema).optional(),
  img: z.array(permittedUrlSchema).optional(),
});
export type PermittedUrls = z.infer<typeof permittedUrlsSchema>;

/**
 * True when `entry` covers `url`: same scheme, host and port, and the URL's path starts with the
 * entry's path (`https://app.example.com` covers every path there; `https://app.example.com/hubspot`
 * covers `/hubspot` and `/hubspot/card`, not `/hubspotter`). HubSpot documents only "include the
 * request URLs"; Spoke reads an entry as such a prefix.
 */
export function permittedUrlCovers(entry: string, url: URL): boolean {
  if (!URL.canParse(entry)) return false;
  const base = new URL(entry);
  if (base.protocol !== url.protocol || base.host !== url.host) return false;
  const prefix = base.pathname.replace(/\/+$/, '');
  return prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
}

/** Why production's `hubspot.fetch` would refuse a URL: not HTTPS, localhost, or not in `permittedUrls.fetch`. */
export interface HubSpotFetchRefusal {
  reason: 'not-https' | 'localhost' | 'not-permitted';
  message: string;
}

/**
 * What production's `hubspot.fetch` refuses about `url` (the URL HubSpot would call: the public one
 * when the service sits behind a tunnel), given the app's `permittedUrls.fetch`. Empty when it
 * would call it. Each message starts "refused in production:" and says how to fix it.
 */
export function hubspotFetchRefusals(
  url: string,
  permittedFetch: readonly string[] | undefined,
): HubSpotFetchRefusal[] {
  if (!URL.canParse(url)) return [];
  const target = new URL(url);
  const refusals: HubSpotFetchRefusal[] = [];
  if (isLoopbackHost(target.hostname)) {
    refusals.push({
      reason: 'localhost',
      message: `refused in production: hubspot.fetch does not call localhost (${target.host}); put a tunnel (ngrok, cloudflared) in front of the service and set its https:// address as the app's publicUrl, so Spoke judges the URL HubSpot would call.`,
    });
  }
  if (target.protocol !== 'https:') {
    refusals.push({
      reason: 'not-https',
      message: `refused in production: hubspot.fetch only calls HTTPS URLs, and ${target.origin} is ${target.protocol.slice(0, -1)}; serve the service over HTTPS or behind an https:// tunnel set as the app's publicUrl.`,
    });
  }
  const list = permittedFetch ?? [];
  if (!list.some((entry) => permittedUrlCovers(entry, target))) {
    // Suggest the origin only when it is one production can call; else the tunnel's address.
    const suggestion =
      refusals.length === 0
        ? `https://${target.host}`
        : "the https:// address HubSpot calls (the app's publicUrl)";
    const listed = list.length === 0 ? 'the app lists none' : `it lists ${list.join(', ')}`;
    refusals.push({
      reason: 'not-permitted',
      message: `refused in production: ${target.origin}${target.pathname} is not in the app's permittedUrls.fetch (${listed}); add ${suggestion} to permittedUrls.fetch (spoke.config.json, the Apps screen, or app-hsmeta.json in production).`,
    });
  }
  return refusals;
}
