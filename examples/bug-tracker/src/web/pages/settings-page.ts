import type { Project } from '../../domain/issue.ts';
import { type PortalSettings, supportedCurrencies } from '../../domain/portal-settings.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { frameButtonsScript } from './frame-script.ts';

/** What the settings form shows. */
export interface SettingsPage {
  readonly base: string;
  readonly action: string;
  readonly hidden: Readonly<Record<string, string>>;
  readonly settings: PortalSettings;
  readonly projects: readonly Project[];
  readonly error?: string;
}

/** The card's settings IFRAME: the portal's default project and currency for new issues. */
export function settingsPage(page: SettingsPage): SafeHtml {
  const { settings } = page;
  const body = html`<h1>Bug Tracker settings</h1>
  <p class="muted">For HubSpot portal ${settings.portalId}. New issues filed from the card start with these.</p>
  ${page.error === undefined ? '' : html`<div class="errors" role="alert">${page.error}</div>`}
  <form method="post" action="${page.action}">
    ${Object.entries(page.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <div class="field">
      <label for="defaultProjectId">Default project</label>
      <select id="defaultProjectId" name="defaultProjectId">
        <option value=""${settings.defaultProjectId === null ? html` selected` : ''}>First project</option>
        ${page.projects.map(
          (p) =>
            html`<option value="${p.id}"${p.id === settings.defaultProjectId ? html` selected` : ''}>${p.name}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="currency">Currency of revenue at risk</label>
      <select id="currency" name="currency">
        ${supportedCurrencies.map((c) => html`<option value="${c}"${c === settings.currency ? html` selected` : ''}>${c}</option>`)}
      </select>
    </div>
    <div class="buttons">
      <button type="button" data-frame-message="CANCEL">Cancel</button>
      <button type="submit" class="primary">Save settings</button>
    </div>
  </form>
  ${frameButtonsScript}`;
  return layout({ title: 'Settings', body, base: page.base, frame: true });
}
