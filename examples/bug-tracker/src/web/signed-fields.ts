import { BugTrackerError } from '../errors.ts';
import type { LinkPurpose, LinkSigner } from './link-signer.ts';

/**
 * The fields of a signed IFRAME link (from the query on GET, the hidden inputs on POST), checked
 * against their `token`. A missing, altered or expired token is TRACKER_LINK_INVALID.
 */
export function signedFields<const N extends string>(
  links: LinkSigner,
  purpose: LinkPurpose,
  source: URLSearchParams,
  names: readonly N[],
): Record<N, string> {
  const fields = Object.fromEntries(names.map((name) => [name, source.get(name) ?? ''])) as Record<N, string>;
  const token = source.get('token') ?? '';
  if (!links.verify(purpose, fields, token)) {
    throw new BugTrackerError(
      'TRACKER_LINK_INVALID',
      token === ''
        ? 'this page needs the signed link the HubSpot card hands out; open it from the card.'
        : 'this link was altered or has expired; close it and open it again from the HubSpot card.',
    );
  }
  return fields;
}
