import type { OpenRecordResult } from '../../api/types.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';

/**
 * Apps with cards for this object type that the portal does not show, and why: HubSpot shows a
 * card only where its app is installed with the object's read and write scopes. The note says
 * what the page would otherwise hide without a word, and where to install.
 */
export function NotInstalledNotes({ refusals }: { refusals: OpenRecordResult['notInstalled'] }) {
  if (refusals.length === 0) return null;
  return (
    <ul className="notice not-installed" aria-label="Apps not shown in this portal">
      {refusals.map((refusal) => (
        <li key={refusal.appId}>
          <strong>{refusal.appName}</strong>{' '}
          {refusal.reason === 'not-installed'
            ? `has cards here but is not installed in portal ${refusal.portalId}.`
            : `is installed in portal ${refusal.portalId} without ${refusal.missingScopes.join(', ')}.`}{' '}
          <a href={hrefFor(['apps'])}>Install it on the Apps screen</a>
        </li>
      ))}
    </ul>
  );
}
