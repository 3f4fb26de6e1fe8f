import { checkActionUrl, isAbsoluteHttpUrl } from '@spoke/protocol';

/**
 * An action's URI as the platform calls it. Absolute URIs are kept byte for byte; a relative path
 * (only the converter allows them, docs/protocol.md §2.4) is resolved against `relativeTo`, the card's
 * `targetUrl`, by the same rule as the baseUrls check (`checkActionUrl`): it must stay on that origin.
 * Anything else (no base, `//host`, a backslash, whitespace…) is returned as is, and the transport
 * refuses it with DISPATCH_URL_INVALID before signing.
 */
export function resolveActionUri(uri: string, relativeTo: string | undefined): string {
  if (isAbsoluteHttpUrl(uri) || relativeTo === undefined) return uri;
  const checked = checkActionUrl(uri, { baseUrls: [], mode: 'converter', relativeTo });
  return checked.ok ? checked.url : uri;
}
