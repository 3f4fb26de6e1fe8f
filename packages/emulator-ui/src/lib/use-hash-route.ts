import { useEffect, useState } from 'react';

/** The current `#/a/b?x=1` location split into path segments and query. */
export interface HashRoute {
  segments: string[];
  query: URLSearchParams;
  /** Set when the hash cannot be decoded (`#/%`, `#/records/%E0`): the UI shows it instead of a screen. */
  malformed?: string;
}

/** Splits a location hash; a malformed percent escape gives `malformed` instead of throwing. */
export function parseHash(rawHash: string): HashRoute {
  const hash = rawHash.replace(/^#\/?/, '');
  const [path = '', search = ''] = hash.split('?');
  try {
    return {
      segments: path.split('/').filter(Boolean).map(decodeURIComponent),
      query: new URLSearchParams(search),
    };
  } catch {
    return { segments: [], query: new URLSearchParams(), malformed: rawHash };
  }
}

function read(): HashRoute {
  return parseHash(window.location.hash);
}

/** Hash routing: the static files need no server fallback, and every screen has a shareable URL. */
export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Builds `#/a/b?x=1` from segments and optional query values. */
export function hrefFor(segments: readonly (string | number)[], query?: Record<string, string>): string {
  const path = segments.map((s) => encodeURIComponent(String(s))).join('/');
  const search = query ? new URLSearchParams(query).toString() : '';
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** Navigates to a hash route. */
export function navigate(segments: readonly (string | number)[], query?: Record<string, string>): void {
  window.location.hash = hrefFor(segments, query);
}
