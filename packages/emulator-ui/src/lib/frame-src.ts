import type { UiErrorCode } from '../errors.ts';
import { safeHref } from './safe-href.ts';

/** What an IFRAME action's URL becomes: a page to load in the modal, or a refusal with the reason. */
export type FrameSrc = { ok: true; href: string } | { ok: false; code?: UiErrorCode; reason: string };

/**
 * Accepts only absolute http(s) pages on another origin than the UI's own. HubSpot's modal grants
 * `allow-scripts allow-same-origin`; on app.hubspot.com a service page is always cross-origin, but
 * here a page served from the emulator's origin would share it, read and drive the emulator's window
 * and even lift its own sandbox, so it is refused instead of loaded.
 */
export function frameSrc(src: string, uiOrigin: string): FrameSrc {
  const safe = safeHref(src);
  if (!safe.ok) return safe;
  if (!/^https?:/.test(safe.href)) return { ok: false, reason: 'only http(s) pages open in a modal' };
  if (new URL(safe.href).origin === uiOrigin) {
    return {
      ok: false,
      code: 'UI_IFRAME_SAME_ORIGIN',
      reason: `the page is on the emulator's own origin (${uiOrigin}), where it could reach into the emulator's window; serve it from your app`,
    };
  }
  return safe;
}
