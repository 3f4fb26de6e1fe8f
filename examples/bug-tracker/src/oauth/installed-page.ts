import type { HubSpotInstall } from '../domain/hubspot-install.ts';
import { openIssuesProperty } from '../hubspot/open-issues-write-back.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { layout } from '../web/layout.ts';

/** The page `/oauth/callback` lands on once the tokens are stored. */
export function installedPage(options: {
  base: string;
  install: HubSpotInstall;
  requested: readonly string[];
}): SafeHtml {
  const { install } = options;
  const missing = options.requested.filter((scope) => !install.scopes.includes(scope));
  const body = html`<h1>Installed in HubSpot</h1>
  <p data-outcome="installed" data-portal-id="${String(install.portalId)}">Bug Tracker is installed in HubSpot portal
  ${String(install.portalId)}${install.hubDomain ? ` (${install.hubDomain})` : ''}. It has written each contact's open
  issues to its <code>${openIssuesProperty}</code> property, and does again whenever an issue opens or closes.</p>
  <p class="muted">Scopes granted: ${install.scopes.join(', ')}.</p>
  ${missing.length > 0 ? html`<p class="errors">Not granted: ${missing.join(', ')}; the card or the write-back may not work where they are needed.</p>` : ''}
  <p><a href="${options.base}/issues">Open the issues</a></p>`;
  return layout({ title: 'Installed in HubSpot', body, base: options.base });
}
