import type { ReactNode } from 'react';
import { safeHref } from '../lib/safe-href.ts';

/**
 * A link to a service-provided URL: followed only for http(s) and mailto, in a new tab with
 * no opener; anything else is drawn as inert text with a warning flag that says why.
 */
export function SafeLink({
  href,
  children,
  className,
}: {
  href: string | null;
  children: ReactNode;
  className?: string;
}) {
  const safe = safeHref(href);
  if (safe.ok) {
    return (
      <a href={safe.href} target="_blank" rel="noopener noreferrer" className={className}>
        {children}
      </a>
    );
  }
  return (
    <span className={`link-inert ${className ?? ''}`} data-blocked-href={href ?? ''} title={safe.reason}>
      {children}
      {href ? (
        <span className="flag" role="img" aria-label={safe.reason}>
          ⚠ blocked link
        </span>
      ) : null}
    </span>
  );
}
