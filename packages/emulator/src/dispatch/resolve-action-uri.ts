import { isAbsoluteHttpUrl } from '@spoke/protocol';

/**
 * An action's URI as the platform calls it. Absolute URIs are kept byte for byte; a relative one
 * (only the converter allows them, docs/protocol.md §2.4) is resolved against `relativeTo`, the card's
 * `targetUrl`. Without a base it is returned as is, and the transport reports DISPATCH_URL_INVALID.
 */
export function resolveActionUri(uri: string, relativeTo: string | undefined): string {
  if (isAbsoluteHttpUrl(uri) || relativeTo === undefined || !URL.canParse(uri, relativeTo)) return uri;
  return new URL(uri, relativeTo).href;
}
