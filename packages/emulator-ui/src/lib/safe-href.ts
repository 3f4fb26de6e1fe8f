/** What a service-provided link becomes: a usable href, or an inert one with the reason. */
export type SafeHref = { ok: true; href: string } | { ok: false; reason: string };

const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Accepts only absolute http(s) and mailto URLs, the schemes HubSpot renders as links.
 * Everything else (`javascript:`, `data:`, relative paths) is shown inert and flagged.
 */
export function safeHref(value: string | null | undefined): SafeHref {
  if (value === null || value === undefined || value.trim() === '') return { ok: false, reason: 'no URL' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: `not an absolute URL: ${value}` };
  }
  if (!allowedProtocols.has(url.protocol)) {
    return { ok: false, reason: `blocked ${url.protocol} link (only http, https and mailto are followed)` };
  }
  return { ok: true, href: url.href };
}

/** A mailto: href for an address, or null when it does not look like one. */
export function mailtoHref(address: string): string | null {
  const trimmed = address.trim();
  if (!/^[^\s@<>()"']+@[^\s@<>()"']+$/.test(trimmed)) return null;
  return `mailto:${encodeURI(trimmed)}`;
}
